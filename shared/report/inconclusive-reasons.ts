// Why a verdict is INCONCLUSIVE, in words, for the texts that show the reason (the AnyConnect
// catalog, the terminal report's verdict line). The codes themselves are the contract
// (INCONCLUSIVE_REASONS); these are only their wording. Both texts put them in parentheses, so
// the Japanese are noun phrases, not sentences.
import type { InconclusiveReason, Localized } from './types.js';

export const INCONCLUSIVE_REASON_WORDS: Readonly<Record<InconclusiveReason, Localized<string>>> = {
  'capture-ended-early': { en: 'the capture ended too early', ja: 'キャプチャの早期終了' },
  'capture-started-late': { en: 'the capture started too late', ja: 'キャプチャ開始の遅れ' },
  'too-few-packets': { en: 'too few packets', ja: 'パケット不足' },
  'not-enough-time': { en: 'not enough time captured', ja: 'キャプチャ時間の不足' },
  'capture-damaged': { en: 'the capture file is damaged', ja: 'キャプチャファイルの破損' },
  'packets-truncated': { en: 'packets cut short by the snap length', ja: 'スナップ長によるパケットの切り詰め' },
};
