// DevTools-protocol steps both adapters run the same way: screenshots, a person-like mouse click, history moves.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession } from 'playwright-core';
import { z } from 'zod';
import { CodedError } from '@shared/result';
import { linkGuardSource } from './guards';
import type { CaptureMode } from './evidence-browser';

/** A DevTools command sender: Playwright's CDP session in the harness, webContents.debugger in Electron. */
export type CdpSend = CDPSession['send'];

/** The engine's own PNG: the visible area, or the whole document rendered beyond the viewport. */
export async function cdpScreenshot(send: CdpSend, mode: CaptureMode): Promise<Uint8Array> {
  if (mode === 'viewport') {
    const shot = await send('Page.captureScreenshot', { format: 'png' });
    return Buffer.from(shot.data, 'base64');
  }
  const metrics = await send('Page.getLayoutMetrics');
  const { width, height } = metrics.cssContentSize;
  const shot = await send('Page.captureScreenshot', {
    format: 'png',
    captureBeyondViewport: true,
    clip: { x: 0, y: 0, width: Math.ceil(width), height: Math.ceil(height), scale: 1 },
  });
  return Buffer.from(shot.data, 'base64');
}

const isSelectorSyntaxError = (e: unknown): boolean =>
  e instanceof Error && /DOM Error while querying|not a valid selector|SyntaxError/i.test(e.message);

/**
 * Centre of the first visible box of the first element matching `selector`, scrolled into view; undefined if none yet.
 */
async function locate(send: CdpSend, selector: string): Promise<{ x: number; y: number } | undefined> {
  const { root } = await send('DOM.getDocument', { depth: 0 });
  let nodeId: number;
  try {
    ({ nodeId } = await send('DOM.querySelector', { nodeId: root.nodeId, selector }));
  } catch (e) {
    if (isSelectorSyntaxError(e)) throw new CodedError('INVALID_INPUT', `not a valid CSS selector: ${selector}`);
    // The document was replaced between the two calls: look again.
    return undefined;
  }
  if (nodeId === 0) return undefined;
  try {
    await send('DOM.scrollIntoViewIfNeeded', { nodeId });
    const { quads } = await send('DOM.getContentQuads', { nodeId });
    for (const q of quads) {
      if (q.length < 8) continue;
      const xs = [q[0], q[2], q[4], q[6]].map(Number);
      const ys = [q[1], q[3], q[5], q[7]].map(Number);
      const w = Math.max(...xs) - Math.min(...xs);
      const h = Math.max(...ys) - Math.min(...ys);
      if (w >= 1 && h >= 1) return { x: xs.reduce((a, b) => a + b) / 4, y: ys.reduce((a, b) => a + b) / 4 };
    }
    return undefined;
  } catch {
    // Not laid out (hidden, detached mid-way): not clickable yet.
    return undefined;
  }
}

/**
 * Clicks like a person: finds the element, scrolls it into view and presses and releases the left mouse button at
 * its centre through the engine's input pipeline, so the page sees a trusted click with a user gesture.
 */
export async function cdpClick(send: CdpSend, selector: string, timeoutMs: number, alive: () => void): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    alive();
    const at = await locate(send, selector);
    alive();
    if (at) {
      await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: at.x, y: at.y });
      await send('Input.dispatchMouseEvent', {
        type: 'mousePressed',
        x: at.x,
        y: at.y,
        button: 'left',
        buttons: 1,
        clickCount: 1,
      });
      await send('Input.dispatchMouseEvent', {
        type: 'mouseReleased',
        x: at.x,
        y: at.y,
        button: 'left',
        buttons: 0,
        clickCount: 1,
      });
      return;
    }
    if (performance.now() >= deadline) {
      throw new CodedError('NOT_FOUND', `nothing visible on the page matches ${selector}`);
    }
    await sleep(100);
  }
}

/** Moves through the session history; false when there is nowhere to go. */
export async function cdpHistoryStep(send: CdpSend, delta: -1 | 1): Promise<boolean> {
  const { currentIndex, entries } = await send('Page.getNavigationHistory');
  const entry = entries[currentIndex + delta];
  if (!entry) return false;
  await send('Page.navigateToHistoryEntry', { entryId: entry.id });
  return true;
}

/** The isolated world our page-side scripts live in: the page's own scripts can neither see nor undo them. */
export const GUARD_WORLD = 'countersign-guard';

/**
 * Installs the link guard (see linkGuardSource) in the isolated world of every frame of this target, now and on every
 * new document, reporting through a binding that exists only in that world. Needs Runtime.enable for the reports.
 */
export async function installLinkGuard(send: CdpSend, binding: string): Promise<void> {
  await send('Runtime.enable');
  await send('Runtime.addBinding', { name: binding, executionContextName: GUARD_WORLD });
  await send('Page.addScriptToEvaluateOnNewDocument', {
    source: linkGuardSource(`((b) => (s) => b(s))(globalThis[${JSON.stringify(binding)}])`),
    worldName: GUARD_WORLD,
    runImmediately: true,
  });
}

const GuardReport = z.object({ url: z.string(), frame: z.enum(['main', 'sub']) });

/** A guard report's payload, or undefined if it is not one. */
export function parseGuardReport(payload: string): z.infer<typeof GuardReport> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const report = GuardReport.safeParse(data);
  return report.success ? report.data : undefined;
}
