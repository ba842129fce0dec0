// Run pa11y (HTML_CodeSniffer, WCAG2AA) over the pages listed in the JSON file named on the command line,
// in Debian's Chromium, two pages at a time; print the errors as JSON.
import { readFileSync } from "node:fs";
import puppeteer from "puppeteer";
import pa11y from "pa11y";

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
  "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const visits = JSON.parse(readFileSync(process.argv[2], "utf8"));
const browser = await puppeteer.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
const problems = [];

async function check(visit) {
  const page = await browser.newPage();
  try {
    const result = await pa11y(visit.url, {
      browser, page, standard: "WCAG2AA", runners: ["htmlcs"], timeout: 60000,
      headers: visit.cookie ? { Cookie: visit.cookie } : {},
    });
    // A session the site did not accept lands on the sign-in page, which pa11y would check instead, silently.
    const landed = new URL(page.url()).pathname;
    if (landed !== new URL(visit.url).pathname) {
      problems.push({ id: visit.id, code: "pa11y", message: `redirected to ${landed}: the page was not checked`, selector: "" });
    }
    for (const issue of result.issues.filter((found) => found.type === "error")) {
      problems.push({ id: visit.id, code: issue.code, message: issue.message, selector: issue.selector });
    }
  } catch (error) {
    problems.push({ id: visit.id, code: "pa11y", message: `could not check the page: ${error}`, selector: "" });
  } finally {
    await page.close();
  }
}

const queue = [...visits];
await Promise.all([0, 1].map(async () => {
  while (queue.length) await check(queue.shift());
}));
await browser.close();
process.stdout.write(JSON.stringify(problems));
