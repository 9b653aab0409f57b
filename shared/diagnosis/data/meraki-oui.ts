// Meraki's OUIs: the lines of Wireshark's manuf file (libwireshark-data 4.0.17, /usr/share/wireshark/manuf)
// whose vendor is Meraki, copied verbatim (see data/SOURCES.md). A host sending from one of these
// MAC prefixes is an MX (or another Meraki device): roles.ts uses it to tell the MX from the client.
const MANUF_LINES = `
00:18:0A	CiscoMer	Cisco Meraki
00:84:1E	CiscoMer	Cisco Meraki
08:F1:B3	CiscoMer	Cisco Meraki
0C:7B:C8	CiscoMer	Cisco Meraki
0C:8D:DB	CiscoMer	Cisco Meraki
14:9F:43	CiscoMer	Cisco Meraki
2C:3F:0B	CiscoMer	Cisco Meraki
34:56:FE	CiscoMer	Cisco Meraki
38:84:79	CiscoMer	Cisco Meraki
4C:C8:A1	CiscoMer	Cisco Meraki
68:3A:1E	CiscoMer	Cisco Meraki
68:49:92	CiscoMer	Cisco Meraki
6C:7F:0C	CiscoMer	Cisco Meraki
6C:C3:B2	CiscoMer	Cisco Meraki
6C:DE:A9	CiscoMer	Cisco Meraki
6C:EF:BD	CiscoMer	Cisco Meraki
88:15:44	CiscoMer	Cisco Meraki
8C:88:81	CiscoMer	Cisco Meraki
98:18:88	CiscoMer	Cisco Meraki
9C:E3:30	CiscoMer	Cisco Meraki
A8:46:9D	CiscoMer	Cisco Meraki
AC:17:C8	CiscoMer	Cisco Meraki
AC:D3:1D	CiscoMer	Cisco Meraki
B4:DF:91	CiscoMer	Cisco Meraki
B8:07:56	CiscoMer	Cisco Meraki
B8:AB:61	CiscoMer	Cisco Meraki
B8:B4:C9	CiscoMer	Cisco Meraki
BC:33:40	CiscoMer	Cisco Meraki
BC:B1:D3	CiscoMer	Cisco Meraki
BC:DB:09	CiscoMer	Cisco Meraki
C4:14:A2	CiscoMer	Cisco Meraki
C4:8B:A3	CiscoMer	Cisco Meraki
C4:D6:66	CiscoMer	Cisco Meraki
CC:03:D9	CiscoMer	Cisco Meraki
CC:6E:2A	CiscoMer	Cisco Meraki
CC:9C:3E	CiscoMer	Cisco Meraki
E0:55:3D	CiscoMer	Cisco Meraki
E0:CB:BC	CiscoMer	Cisco Meraki
E0:D3:B4	CiscoMer	Cisco Meraki
E4:55:A8	CiscoMer	Cisco Meraki
F8:9E:28	CiscoMer	Cisco Meraki
`;

/** The OUIs as 24-bit numbers. */
export const MERAKI_OUIS: ReadonlySet<number> = new Set(
  MANUF_LINES.split('\n')
    .map((line) => line.split('\t')[0])
    .filter((oui) => /^[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2}$/i.test(oui))
    .map((oui) => parseInt(oui.replace(/:/g, ''), 16)),
);

/** Is this 48-bit Ethernet address (as decoded in DecodedFrame.srcMac) a Meraki one? */
export function isMerakiMac(mac: number): boolean {
  return MERAKI_OUIS.has(Math.floor(mac / 0x1000000));
}
