import type { IDataObject } from 'n8n-workflow';

import { outcomeUnknown } from '../../../shared/httpFailure';
import { ProviderError } from '../../../shared/providerError';
import type { ClickPesaClient } from '../../transport';
import { notAcceptedMessage } from '../../transport/sendOnce';

export type LinkRequest = {
	path: string;
	body: IDataObject & { orderReference: string };
	/** `checkout link`, `payout link`. */
	linkName: string;
	/** The answer field holding the link: `checkoutLink`, `payoutLink`. */
	linkField: string;
	/** What else may already use the reference: `payment`, `payout`. */
	sameReference: string;
};

/**
 * Creating a hosted link moves no money, but a second link for the same order must not reach the
 * customer unnoticed. So the request is sent once (never repeated automatically), a 409 says the
 * reference is taken, and an unknown outcome says the link may exist: ClickPesa has no endpoint to
 * look a link up (docs/clickpesa-api.md §4.12, §4.13), so nothing is looked up.
 */
export async function createLink(client: ClickPesaClient, link: LinkRequest): Promise<IDataObject> {
	const reference = link.body.orderReference;
	const answer = (await client
		.request({ method: 'POST', path: link.path, body: link.body, signed: true, idempotent: false })
		.catch((error: unknown) => {
			throw explainLinkFailure(error, link);
		})) as IDataObject | undefined;
	const url = answer?.[link.linkField];
	if (typeof url !== 'string' || url === '') {
		// A wrong base URL can answer 200 with an unrelated body (§9.3): say so instead of passing it on.
		throw ProviderError.judged(
			'ClickPesa',
			{ kind: 'other', message: `no ${link.linkField} in the answer` },
			`ClickPesa answered POST ${link.path} without a ${link.linkField}: check the credential's Base URL. The ${link.linkName} for order reference "${reference}" may exist; running the item again with the same reference is safe (ClickPesa answers 409 if it does)`,
		);
	}
	return { ...answer, orderReference: reference, sent: link.body };
}

function explainLinkFailure(error: unknown, link: LinkRequest): unknown {
	if (!(error instanceof ProviderError)) return error;
	const { failure } = error;
	const reference = link.body.orderReference;
	if (failure.status === 409) {
		return error.retold(
			`Order reference "${reference}" was already used — a ${link.linkName} or ${link.sameReference} with this reference exists, and ClickPesa will not create a second one. Send the link you already have, or use a new order reference`,
		);
	}
	if (failure.status === 429) {
		return error.retold(`${error.message}. ${notAcceptedMessage('the request', `no ${link.linkName} was created`, 'the item again later with the same reference')}`);
	}
	if (!outcomeUnknown(failure)) return error;
	return error.retold(
		`${error.message}. The ${link.linkName} may have been created, and links cannot be looked up. Run the item again with the same order reference "${reference}": if the link exists ClickPesa answers 409 and nothing is duplicated — then take the link from the ClickPesa dashboard or create a new one under a new reference`,
	);
}
