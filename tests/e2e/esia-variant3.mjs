// Variant 3 of the sign-in through Gosuslugi in a real browser (Debian's chromium, headless, driven by
// playwright-core): the person has no confirmed Gosuslugi account. The desktop client (the C++ test that starts this
// script as its "system browser") waits on its loopback port; this script is the person, in one of three steps:
//
//   register  no Gosuslugi account: «Зарегистрироваться» on the stand (surname, name, e-mail), the link from the
//             mail (read from the stand's mail-drop folder), a password; then the server's linking page, «Найти
//             существующего пользователя» with the diary login and password, «Прикрепить», back at the client.
//   refused   a simplified account tries to link a teacher's record: the page says, in one message, that a
//             confirmed account is needed and how; the person opens the stand's profile, enters the birth date,
//             SNILS and passport and asks for confirmation. Ends there (the client's sign-in is given up).
//   link      signs in at the stand and links with the diary login and password; back at the client.
//
//   node esia-variant3.mjs CONFIG.json
//
// CONFIG: {"mode", "url", "standUrl", "mailDir", "esiaLogin", "esiaPassword", "lastName", "firstName",
//          "birthDate", "snils", "passport", "diaryLogin", "diaryPassword", "clientPrefix", "chromium",
//          "screenshots"}. Exit code 0 when the step ended as it should; a message on stderr otherwise.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const timeout = 30000;

async function shot(page, name) {
  if (config.screenshots)
    await page.screenshot({ path: join(config.screenshots, `esia3-${config.mode}-${name}.png`), fullPage: true });
}

// The newest mailed link of this path in the mail-drop folder (.eml files; bodies in base64).
async function mailedLink(pathPart) {
  const deadline = Date.now() + timeout;
  const pattern = new RegExp(`https?://[^\\s"<>]+${pathPart.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_%-]+`);
  while (Date.now() < deadline) {
    let names = [];
    try {
      names = readdirSync(config.mailDir).filter((n) => n.endsWith('.eml')).sort().reverse();
    } catch {
      // not made yet
    }
    for (const name of names) {
      const raw = readFileSync(join(config.mailDir, name), 'latin1');
      const texts = [raw];
      for (const block of raw.split(/\r?\n\r?\n/)) {
        const compact = block.replace(/\s+/g, '');
        if (/^[A-Za-z0-9+/=]{16,}$/.test(compact))
          texts.push(Buffer.from(compact, 'base64').toString('utf8'));
      }
      for (const text of texts) {
        const found = text.match(pattern);
        if (found)
          return found[0];
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail with a ${pathPart} link in ${config.mailDir}`);
}

async function signInAtStand(page) {
  await page.locator('#login-form').waitFor();
  await page.fill('#login', config.esiaLogin);
  await page.fill('#password', config.esiaPassword);
  await shot(page, '1-stand-signin');
  await page.click('#login-submit');
}

async function linkAndReturn(page) {
  await page.locator('#link-form').waitFor();
  const text = await page.locator('body').innerText();
  for (const words of ['Найти существующего пользователя', 'Прикрепить'])
    if (!text.includes(words))
      throw new Error(`the linking page lacks «${words}»`);
  await page.fill('#login', config.diaryLogin);
  await page.fill('#password', config.diaryPassword);
  await shot(page, '3-link');
  await Promise.all([
    page.waitForURL((url) => url.toString().startsWith(config.clientPrefix), { timeout }),
    page.click('#link-submit'),
  ]);
  console.log(`esia-variant3 ${config.mode}: back at the client`);
}

const browser = await chromium.launch({
  executablePath: config.chromium,
  headless: true,
  // Root in a container: no user namespaces for chromium's sandbox; a small /dev/shm.
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
});
let page;
try {
  const context = await browser.newContext({ locale: 'ru-RU' });
  page = await context.newPage();
  page.setDefaultTimeout(timeout);
  await page.goto(config.url);

  if (config.mode === 'register') {
    await page.locator('#login-form').waitFor();
    await page.click('#register-link');
    await page.locator('#register-form').waitFor();
    await page.getByLabel('Фамилия').fill(config.lastName);
    await page.getByLabel('Имя').fill(config.firstName);
    await page.getByLabel('Электронная почта').fill(config.esiaLogin);
    await page.check('#consent');
    await shot(page, '1-register');
    await page.click('#register-submit');
    await page.locator('#message').waitFor();
    await page.goto(await mailedLink('/idp/register/confirm'));
    await page.locator('#password-form').waitFor();
    await page.fill('#password', config.esiaPassword);
    await page.fill('#password2', config.esiaPassword);
    await page.click('#password-submit');
    // The stand says the account is made and leads on to the sign-in SchoolGate began.
    const next = page.locator('#continue-link');
    await Promise.race([page.locator('#link-form').waitFor(), next.waitFor()]);
    if (!(await page.locator('#link-form').count()))
      await next.click();
    await shot(page, '2-registered');
    await linkAndReturn(page);
  } else if (config.mode === 'refused') {
    await signInAtStand(page);
    await page.locator('#link-form').waitFor();
    await page.fill('#login', config.diaryLogin);
    await page.fill('#password', config.diaryPassword);
    await page.click('#link-submit');
    const error = page.locator('#error');
    await error.waitFor();
    const said = (await error.innerText()).trim();
    for (const words of ['подтверждённая', 'паспорт', 'МФЦ'])
      if (!said.includes(words))
        throw new Error(`the refusal does not say «${words}»: "${said}"`);
    if (said.includes('не совпадают'))
      throw new Error(`the refusal blames the data instead of the level: "${said}"`);
    await shot(page, '2-refused');
    // The stand's profile: the data, then the request for confirmation.
    await page.goto(`${config.standUrl}/profile`);
    await page.locator('#profile-form').waitFor();
    await page.getByLabel('Дата рождения').fill(config.birthDate);
    await page.getByLabel('СНИЛС').fill(config.snils);
    await page.getByLabel('Паспорт РФ: серия и номер').fill(config.passport);
    await page.click('#profile-submit');
    await page.locator('#confirm-form').waitFor();
    if (!(await page.locator('#profile-level').innerText()).includes('стандартная'))
      throw new Error('the checked data did not make the account standard');
    await page.click('#confirm-submit');
    await page.locator('#confirm-requested').waitFor();
    await shot(page, '3-confirmation-asked');
    console.log('esia-variant3 refused: told the level, data entered, confirmation asked');
  } else if (config.mode === 'link') {
    await signInAtStand(page);
    await linkAndReturn(page);
  } else {
    throw new Error(`unknown mode ${config.mode}`);
  }
} catch (error) {
  if (page)
    await shot(page, 'failure').catch(() => {});
  console.error(`esia-variant3 ${config.mode}: ${error.message}${page ? ` (at ${page.url()})` : ''}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
