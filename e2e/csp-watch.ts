import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { makePng } from './case-loop-helpers.ts';

/** Helpers of csp.e2e.ts: a Content-Security-Policy violation watcher and a stand-in tile server. */

declare global {
  interface Window {
    __cgCsp?: string[];
  }
}

const CSP_TEXT = /Content Security Policy|Content-Security-Policy|Refused to/i;

/**
 * Collects every CSP violation on the page, by three independent routes: the `securitypolicyviolation` DOM
 * event (installed before any page script), the console messages Chromium writes for blocked loads, and
 * Chromium's own CSP issues (DevTools Audits, which also see workers). Returns the list, which keeps filling.
 */
export async function watchCsp(page: Page): Promise<string[]> {
  const found: string[] = [];
  await page.addInitScript(() => {
    window.__cgCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cgCsp!.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile})`);
    });
  });
  page.on('console', (msg) => {
    if (CSP_TEXT.test(msg.text())) found.push(`console ${msg.type()}: ${msg.text()}`);
  });
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Audits.issueAdded', ({ issue }) => {
    if (issue.code === 'ContentSecurityPolicyIssue') {
      const d = issue.details.contentSecurityPolicyIssueDetails;
      found.push(
        `issue: ${d?.violatedDirective} blocked ${d?.blockedURL ?? d?.contentSecurityPolicyViolationType}`,
      );
    }
  });
  await cdp.send('Audits.enable');
  return found;
}

/** What the page's own violation listener has seen so far (empty when the page has gone). */
export async function domViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cgCsp ?? []).catch(() => []);
}

/** A raster tile server on another origin (another port), as TILE_URL would name; counts tile requests. */
export async function startTileServer(): Promise<{ url: string; served(): number; close(): Promise<void> }> {
  const png = makePng([170, 205, 235]);
  let served = 0;
  const server = createServer((req, res) => {
    if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    served++;
    // real tile servers allow cross-origin reads; MapLibre fetches tiles with CORS
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => served,
    // the browser's pages stay open until the file ends and keep their connections to the tiles alive:
    // close() alone waits for them, so they are cut first
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
