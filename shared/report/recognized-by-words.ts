// Why a TCP/UDP flow was taken for AnyConnect, in words for people (the JSON keeps the code):
// the text report and the dashboard say it the same way.
import type { AnyConnectSession } from '../anyconnect/types.js';
import type { Lang } from './ladder-words.js';

type RecognizedBy = AnyConnectSession['recognizedBy'];

const WORDS: Record<Lang, Record<RecognizedBy, string>> = {
  en: {
    dtls: 'DTLS on the TLS port',
    'mx-address': 'the MX address given',
    'configured-port': 'the port given',
    'meraki-name': "Meraki's DDNS host name",
    'sole-server': 'the only server on this port',
  },
  ja: {
    dtls: 'TLS と同じポートの DTLS',
    'mx-address': '指定された MX のアドレス',
    'configured-port': '指定されたポート',
    'meraki-name': 'Meraki の DDNS ホスト名',
    'sole-server': 'このポートで唯一のサーバー',
  },
};

export function recognizedByWords(by: RecognizedBy, lang: Lang): string {
  return WORDS[lang][by];
}
