// UI state of the incident on screen (zustand): its detail from the vault, who is at the keyboard, and the blurred
// thumbnails.
import { create } from 'zustand';
import type { IncidentDetail } from '@shared/ipc/contract';

/** Sub-screens within one phase of the procedure (e.g. the judgement during the review phase). */
export type StepView = 'main' | 'judgement' | 'isolation' | 'export' | 'addenda';

interface IncidentStore {
  detail: IncidentDetail | null;
  /** The reviewer at the keyboard, per incident: each step is recorded as theirs. */
  actor: Record<string, string>;
  view: Record<string, StepView>;
  /** Blurred thumbnails by capture hash (already blurred by the main process). */
  thumbnails: Record<string, string>;
  setDetail(detail: IncidentDetail | null): void;
  setActor(ref: string, id: string): void;
  setView(ref: string, view: StepView): void;
  addThumbnail(sha256: string, dataUrl: string): void;
}

export const useIncident = create<IncidentStore>((set) => ({
  detail: null,
  actor: {},
  view: {},
  thumbnails: {},
  setDetail: (detail) => set({ detail }),
  setActor: (ref, id) => set((s) => ({ actor: { ...s.actor, [ref]: id } })),
  setView: (ref, view) => set((s) => ({ view: { ...s.view, [ref]: view } })),
  addThumbnail: (sha256, dataUrl) => set((s) => ({ thumbnails: { ...s.thumbnails, [sha256]: dataUrl } })),
}));

/** The reviewer at the keyboard for this incident: the one chosen, or the first reviewer. */
export const actorOf = (detail: IncidentDetail, chosen: Record<string, string>): string =>
  chosen[detail.ref] ?? detail.record.reviewers[0].id;
