// Variant 2 of the sign-in through Gosuslugi in a real browser: Debian's chromium, headless, driven by
// playwright-core. The desktop client (the C++ test that starts this script as its "system browser") waits on its
// loopback port; this script is the person: it opens the URL the client gave, signs in on the ESIA test stand's
// pages, reads the "no binding" notice, fills «Найти существующего пользователя» and presses «Прикрепить», and
// waits until the browser has been sent back to the client.
//
//   node esia-variant2.mjs CONFIG.json
//
// CONFIG: {"url", "esiaLogin", "esiaPassword", "diaryLogin", "diaryPassword", "clientPrefix", "chromium",
//          "screenshots"}. Exit code 0 when the browser reached clientPrefix; a message on stderr otherwise.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const timeout = 30000;

function fail(message) {
  console.error(`esia-variant2: ${message}`);
  process.exitCode = 1;
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
  // The stand's sign-in page.
  await page.locator('#login-form').waitFor();
  await page.fill('#login', config.esiaLogin);
  await page.fill('#password', config.esiaPassword);
  if (config.screenshots)
    await page.screenshot({ path: join(config.screenshots, 'esia-1-stand-signin.png'), fullPage: true });
  await page.click('#login-submit');

  // The server's linking page: the notice first, then «Найти существующего пользователя».
  await page.locator('#link-form').waitFor();
  const notice = (await page.locator('#no-binding').innerText()).trim();
  if (!notice)
    throw new Error('the "no binding" notice is missing');
  const text = await page.locator('body').innerText();
  for (const words of ['Найти существующего пользователя', 'Прикрепить'])
    if (!text.includes(words))
      throw new Error(`the linking page lacks «${words}»`);
  await page.fill('#login', config.diaryLogin);
  await page.fill('#password', config.diaryPassword);
  if (config.screenshots)
    await page.screenshot({ path: join(config.screenshots, 'esia-2-link.png'), fullPage: true });

  // «Прикрепить»: the server links the accounts and sends the browser to the client's loopback address.
  await Promise.all([
    page.waitForURL((url) => url.toString().startsWith(config.clientPrefix), { timeout }),
    page.click('#link-submit'),
  ]);
  if (config.screenshots)
    await page.screenshot({ path: join(config.screenshots, 'esia-3-back-to-client.png'), fullPage: true });
  console.log(`esia-variant2: back at the client (${new URL(page.url()).origin})`);
} catch (error) {
  if (page && config.screenshots)
    await page.screenshot({ path: join(config.screenshots, 'esia-failure.png'), fullPage: true }).catch(() => {});
  fail(`${error.message}${page ? ` (at ${page.url()})` : ''}`);
} finally {
  await browser.close();
}
