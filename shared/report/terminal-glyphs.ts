// The symbols of the terminal report, as Unicode or as plain ASCII (`--ascii`, for terminals
// and fonts that draw box-drawing characters badly, and for pasting into mail or tickets).
// Every symbol of the report comes from here, so the ASCII form has no other.

export interface Glyphs {
  /** One segment of an arrow's shaft. */
  bar: string;
  /** The end of an arrow towards the MX, shaft included. */
  headRight: string;
  /** The start of an arrow towards the client, shaft included. */
  headLeft: string;
  /** The same three for a second kind of message (AnyConnect's DTLS beside its TLS). */
  doubleBar: string;
  doubleHeadRight: string;
  doubleHeadLeft: string;
  /** Between source and destination port, and in "client→MX" counts. */
  to: string;
  /** Between the fields of a summary line. */
  separator: string;
  /** Between the two ends of a session. */
  between: string;
  /** Before the word for a retransmission ('' when the word stands alone). */
  retransmission: string;
  /** Where a list was cut short. */
  more: string;
  /** Before a count ("MM1 ×4"). */
  times: string;
  /** Before each checklist item. */
  bullet: string;
  /** Between a code and its title. */
  dash: string;
}

export const UNICODE_GLYPHS: Glyphs = {
  bar: '─',
  headRight: '─▶',
  headLeft: '◀─',
  doubleBar: '═',
  doubleHeadRight: '═▶',
  doubleHeadLeft: '◀═',
  to: '→',
  separator: ' · ',
  between: ' ⇄ ',
  retransmission: '↻ ',
  more: '…',
  times: '×',
  bullet: '•',
  dash: '—',
};

export const ASCII_GLYPHS: Glyphs = {
  bar: '-',
  headRight: '->',
  headLeft: '<-',
  doubleBar: '=',
  doubleHeadRight: '=>',
  doubleHeadLeft: '<=',
  to: '->',
  separator: ' | ',
  between: ' <-> ',
  retransmission: '',
  more: '...',
  times: 'x',
  bullet: '*',
  dash: '-',
};
