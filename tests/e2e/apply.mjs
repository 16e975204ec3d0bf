// «Заявка в школу» in a real browser: Debian's chromium, headless, driven by playwright-core, on a phone-sized
// screen (320 px). The script is the person; every control is found by its label or role, as a screen reader
// names it, and the page must not scroll sideways.
//
//   node apply.mjs CONFIG.json
//
// CONFIG: {"mode": "apply" | "confirm", "url", "chromium", "screenshots", "tag",
//          apply:   "schoolQuery", "role" ("teacher" | "student"), "surname", "name", "patronymic", "email",
//                   "className" (a student's), "subject" (a teacher's)}
// apply: opens url (/api/v1/apply), finds the school by name, opens its form, fills it and sends it.
// confirm: opens url (the mailed link), presses the confirmation button and checks that the application waits in
// the school. Exit code 0 on success; a message on stderr otherwise.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const timeout = 30000;

const browser = await chromium.launch({
  executablePath: config.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
});

async function shot(page, name) {
  if (config.screenshots)
    await page.screenshot({ path: join(config.screenshots, `apply-${config.tag}-${name}.png`), fullPage: true });
}

async function noSidewaysScroll(page, where) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 320)
    throw new Error(`${where}: the page is ${width} px wide on a 320 px screen`);
}

try {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  await page.goto(config.url);

  if (config.mode === 'apply') {
    await page.getByLabel('или часть названия').fill(config.schoolQuery);
    await page.getByRole('button', { name: 'Найти' }).press('Enter');
    await page.locator('#results').waitFor();
    await noSidewaysScroll(page, 'the search');
    await shot(page, '1-found');
    // The first school found (the page's first link is «English»).
    await page.getByRole('list').getByRole('link').first().click();

    await page.getByRole('button', { name: 'Отправить заявку' }).waitFor();
    await page.getByRole('radio', { name: config.role === 'teacher' ? 'Педагог' : 'Обучающийся' }).check();
    await page.getByLabel('Фамилия').fill(config.surname);
    await page.getByLabel('Имя', { exact: true }).fill(config.name);
    await page.getByLabel('Отчество (если есть)').fill(config.patronymic);
    await page.getByLabel('Электронная почта').fill(config.email);
    if (config.role === 'student')
      await page.getByLabel('Класс (для обучающегося)').selectOption({ label: config.className });
    else
      await page.getByLabel('Предметы (для педагога)').fill(config.subject);
    await page.getByRole('checkbox').check();
    await noSidewaysScroll(page, 'the form');
    await shot(page, '2-form');
    // From the keyboard: focus the button and press Enter.
    await page.getByRole('button', { name: 'Отправить заявку' }).focus();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    await page.waitForLoadState();
    const status = page.getByRole('status');
    await status.waitFor();
    const text = (await status.innerText()).trim();
    if (!text.includes('Письмо отправлено'))
      throw new Error(`after sending: "${text}"`);
    await shot(page, '3-sent');
  } else if (config.mode === 'confirm') {
    await Promise.all([
      page.waitForURL('**/api/v1/apply/confirm'),
      page.getByRole('button', { name: 'Подтвердить адрес и отправить заявку' }).click(),
    ]);
    const status = page.getByRole('status');
    await status.waitFor();
    const text = (await status.innerText()).trim();
    if (!text.includes('на рассмотрении'))
      throw new Error(`after confirming: "${text}"`);
    await noSidewaysScroll(page, 'the status');
    await shot(page, '4-confirmed');
  } else {
    throw new Error(`unknown mode ${config.mode}`);
  }
} catch (error) {
  console.error(`apply: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
