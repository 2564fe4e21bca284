import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { allowedPollSeconds, NOT_PAID_OUTPUT, PAID_OUTPUT } from '../../../shared/waiting';
import type { ClickPesaClient } from '../../transport';
import { outcomeItem, type Expected } from './paymentCheck';
import { pollPayments } from './pollPayments';

// The outputs, timeouts and polling rounds of waiting are shared with Clik2pay (shared/waiting.ts).
export { DEFAULT_POLL_TIMEOUT_S, MAX_POLL_TIMEOUT_S, MAX_TOOL_POLL_TIMEOUT_S, NOT_PAID_OUTPUT, PAID_OUTPUT } from '../../../shared/waiting';

const realClock = { now: Date.now, sleep };

/** Polls ClickPesa for each expected payment and says which output each item leaves on. */
export async function waitForPayments(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	expected: Expected[],
	timeoutSeconds: number,
): Promise<Array<{ json: IDataObject; output: number }>> {
	const node = context.getNode();
	const seconds = allowedPollSeconds(context, timeoutSeconds);
	const checks = await pollPayments(expected, {
		timeoutMs: seconds * 1000,
		lookUp: async (orderReference) => await client.findByReference('payments', orderReference),
		clock: realClock,
		onRound: (round, pending) =>
			context.logger.info(`${node.name}: waiting for payment, round ${round}: ${pending} of ${expected.length} not final yet`),
	});
	return checks.map((check, index) => ({
		json: outcomeItem(expected[index], check),
		output: check.outcome === 'paid' ? PAID_OUTPUT : NOT_PAID_OUTPUT,
	}));
}

/**
 * Initiate USSD Push with Wait for Result: the pushes that were sent are waited for; items that
 * failed to send (Continue On Fail) leave on Not Paid with their error.
 */
export async function waitForInitiated(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	initiated: INodeExecutionData[],
	timeoutSeconds: number,
): Promise<INodeExecutionData[][]> {
	const sent = initiated.filter((item) => typeof item.json.orderReference === 'string' && item.json.error === undefined);
	// What this run asked for, not what the answer echoed: an answer without an amount still counts.
	const expected: Expected[] = sent.map((item) => {
		const itemIndex = pairedIndex(item);
		return {
			orderReference: item.json.orderReference as string,
			amount: Number(context.getNodeParameter('amount', itemIndex)),
			currency: String(context.getNodeParameter('currency', itemIndex, 'TZS')),
		};
	});
	const results = await waitForPayments(context, client, expected, timeoutSeconds);
	const outputs: INodeExecutionData[][] = [[], []];

	for (const item of initiated) {
		const position = sent.indexOf(item);
		if (position < 0) {
			outputs[NOT_PAID_OUTPUT].push(item);
			continue;
		}
		const { json, output } = results[position];
		outputs[output].push({ json: { ...item.json, ...json }, pairedItem: item.pairedItem });
	}
	return outputs;
}

function pairedIndex(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'object' && paired ? paired.item : 0;
}
