/** `::ffff:1.2.3.4` (an IPv4 client seen by an IPv6 socket) is the same client as `1.2.3.4`. */
function normaliseIp(ip: string): string {
	const trimmed = ip.trim().toLowerCase();
	return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
}

/** Addresses from a comma-, space- or newline-separated list; an empty list means "no restriction". */
export function parseIpList(text: string): string[] {
	return text
		.split(/[\s,;]+/)
		.map(normaliseIp)
		.filter((ip) => ip !== '');
}

/** Exact-address match; a request without a known address is not allowed when a list is set. */
export function ipAllowed(ip: unknown, allowed: string[]): boolean {
	if (allowed.length === 0) return true;
	if (typeof ip !== 'string' || ip === '') return false;
	return allowed.includes(normaliseIp(ip));
}
