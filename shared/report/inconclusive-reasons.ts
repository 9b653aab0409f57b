// Why a verdict is INCONCLUSIVE, in words, for the texts that show the reason (the AnyConnect
// catalog, the terminal report's verdict line). The codes themselves are the contract
// (INCONCLUSIVE_REASONS); these are only their wording.
import type { InconclusiveReason, Localized } from './types.js';

export const INCONCLUSIVE_REASON_WORDS: Readonly<Record<InconclusiveReason, Localized<string>>> = {
  'capture-ended-early': { en: 'the capture ended too early', ja: 'キャプチャの終了が早すぎます' },
  'capture-started-late': { en: 'the capture started too late', ja: 'キャプチャの開始が遅すぎます' },
  'too-few-packets': { en: 'too few packets', ja: 'パケットが少なすぎます' },
  'not-enough-time': { en: 'not enough time captured', ja: 'キャプチャの時間が足りません' },
  'capture-damaged': { en: 'the capture file is damaged', ja: 'キャプチャファイルが破損しています' },
};
