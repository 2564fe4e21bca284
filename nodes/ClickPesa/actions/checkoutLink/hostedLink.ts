import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import type { ClickPesaClient } from '../../transport';
import { nounOf } from '../../transport/moneyPost';

export type LinkRequest = {
	kind: 'checkoutLink' | 'payoutLink';
	path: string;
	body: IDataObject & { orderReference: string };
	itemIndex: number;
};

/**
 * A hosted checkout or payout link. Creating one moves no money, but a second link for the same
 * order must not reach the customer unnoticed: it is a money POST like the others (sent once, a 409
 * says the reference is taken, an unknown outcome says the link may exist). ClickPesa has no
 * endpoint to look a link up (docs/clickpesa-api.md §4.12, §4.13), so nothing is looked up. The
 * answer holds the link in the field named like the kind: `checkoutLink`, `payoutLink`.
 */
export async function sendLinkRequest(client: ClickPesaClient, link: LinkRequest): Promise<IDataObject> {
	const reference = link.body.orderReference;
	const answer = await client.sendOnce({
		kind: link.kind,
		request: { method: 'POST', path: link.path, body: link.body, signed: true },
		itemIndex: link.itemIndex,
	});
	const url = answer?.[link.kind];
	if (typeof url !== 'string' || url === '') {
		// A wrong base URL can answer 200 with an unrelated body (§9.3): say so instead of passing it on.
		throw ProviderError.judged(
			'ClickPesa',
			{ kind: 'other', message: `no ${link.kind} in the answer` },
			`ClickPesa answered POST ${link.path} without a ${link.kind}: check the credential's Base URL. The ${nounOf(link.kind)} for order reference "${reference}" may exist; running the item again with the same reference is safe (ClickPesa answers 409 if it does)`,
		);
	}
	return { ...answer, orderReference: reference, sent: link.body };
}
