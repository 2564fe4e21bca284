import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { handleSafely, providerWebhook, webhookRegisteredByHand } from '../shared/webhooks';
import { CLIK2PAY_EVENT_TYPES } from './events';
import { handleClik2payWebhook } from './handleWebhook';

/** docs/clik2pay-api.md §8.3: production, then sandbox. */
export const CLIK2PAY_WEBHOOK_IPS = ['3.99.39.224', '3.96.30.80', '52.60.229.252', '99.79.143.93', '3.96.21.104', '52.60.117.97'];

const titleCase = (name: string) =>
	name
		.toLowerCase()
		.split('-')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

export class Clik2payTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clik2pay Trigger',
		name: 'clik2payTrigger',
		icon: { light: 'file:../../icons/clik2pay.svg', dark: 'file:../../icons/clik2pay.dark.svg' },
		group: ['trigger'],
		// 1.1 changes no behaviour: n8n evaluates an extra expression on every webhook request for
		// typeVersion 1 nodes, which measured 6× slower with lazy expression isolates (bench/README.md).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node search shows one entry for Clik2pay and Clik2pay Trigger, with the trigger's
		// description: so it describes the app first.
		description:
			'Request, refund and send money in Canada by Interac e-Transfer with Clik2pay; starts a workflow when Clik2pay reports a payment request event',
		defaults: { name: 'Clik2pay Trigger' },
		// The editor's Docs link uses this as is; the codex URL would get ?utm_… appended after the anchor.
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-clickpesa-clik2pay#clik2pay-trigger',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'clik2payApi', required: true }],
		webhooks: [providerWebhook()],
		triggerPanel: {
			header:
				'Send the Production URL below (not the Test URL) to Clik2pay during onboarding, with the webhook username and password from the credential. Clik2pay only calls HTTPS URLs on port 443.',
			executionsHelp: {
				inactive:
					'Clik2pay registers one URL per environment by hand, so use the Production URL and publish (activate) the workflow; the Test URL only listens while "Listen for test event" is running.',
				active:
					'The workflow is active: Clik2pay events sent to the Production URL with the agreed Basic-auth username and password start it. Other calls are refused with 401 or 403.',
			},
			activationHint:
				'Publish (activate) the workflow and give its Production URL to Clik2pay; the Test URL only listens while you test.',
		},
		properties: [
			{
				displayName:
					'Set the webhook username and password in the credential: until both are set, every call is refused (401). Clik2pay sends them as Basic auth. No source IP address is checked until you add the option "Allowed IP Addresses" (it then starts with Clik2pay\'s documented addresses).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'clik2pay',
				required: true,
				description:
					'The last part of the webhook URL. Must be unique on this n8n instance; use different paths (and workflows) for sandbox and production.',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: CLIK2PAY_EVENT_TYPES.map((type) => ({ name: titleCase(type), value: type })),
				default: [...CLIK2PAY_EVENT_TYPES],
				description:
					'Event types that start the workflow (one item per event). Calls with no selected event are acknowledged with 200 and ignored.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allowed IP Addresses',
						name: 'allowedIps',
						type: 'string',
						default: CLIK2PAY_WEBHOOK_IPS.join(', '),
						description:
							"Until this option is added, no source address is checked: anyone with the URL and the webhook username and password may call. Once added, only these addresses may call (comma-separated; empty = any); it starts with Clik2pay's documented production and sandbox addresses. Behind a reverse proxy, set N8N_PROXY_HOPS first, or n8n sees the proxy's address and every call is refused (403).",
					},
					{
						displayName: 'Confirm With API',
						name: 'confirmWithApi',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the payment request from Clik2pay (GET /payment-requests/{ID}) before starting the workflow. Items get confirmedStatus and confirmed; a failed lookup still starts the workflow with confirmed false and a confirmationError.',
					},
					{
						displayName: 'Ignore Duplicates',
						name: 'ignoreDuplicates',
						type: 'boolean',
						default: false,
						description:
							'Whether to drop an event already received in the last 24 hours (same payment request ID, event type and status; up to 10,000 remembered). The memory belongs to one n8n process: in queue mode with webhook processors or several main instances, a repeat that reaches another process is not caught, and a restart forgets everything.',
					},
				],
			},
		],
	};

	webhookMethods = { default: webhookRegisteredByHand };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleSafely(this, async (undo) => await handleClik2payWebhook(this, undo));
	}
}
