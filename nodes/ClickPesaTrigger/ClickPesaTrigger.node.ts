import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { handleSafely, providerWebhook, webhookRegisteredByHand } from '../shared/webhooks';
import { handleClickPesaWebhook } from './handleWebhook';
import { CLICKPESA_EVENT_NAMES, DEFAULT_EVENT_NAMES } from './events';

const titleCase = (name: string) => name.toLowerCase().replace(/\b\w/g, (letter) => letter.toUpperCase());

export class ClickPesaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickPesa Trigger',
		name: 'clickPesaTrigger',
		icon: { light: 'file:../../icons/clickpesa.svg', dark: 'file:../../icons/clickpesa.dark.svg' },
		group: ['trigger'],
		// 1.1 changes no behaviour: n8n evaluates an extra expression on every webhook request for
		// typeVersion 1 nodes, which measured 6× slower with lazy expression isolates (bench/README.md).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node search shows one entry for ClickPesa and ClickPesa Trigger, with the trigger's
		// description: so it describes the app first.
		description:
			'Collect and pay out money in Tanzania with ClickPesa; starts a workflow when ClickPesa reports a payment, payout or deposit (checksum verified)',
		defaults: { name: 'ClickPesa Trigger' },
		// The editor's Docs link uses this as is; the codex URL would get ?utm_… appended after the anchor.
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-clickpesa-clik2pay#clickpesa-trigger',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'clickPesaApi', required: true }],
		webhooks: [providerWebhook()],
		triggerPanel: {
			header:
				'Copy the Production URL below (not the Test URL) and paste it into the ClickPesa merchant dashboard: Settings → Developers → Webhooks for merchant-level events, or Settings → Developers → your application → Application Webhooks.',
			executionsHelp: {
				inactive:
					'While you build, click "Listen for test event" and paste the Test URL into ClickPesa for a moment. For real payments, paste the Production URL and publish (activate) the workflow: ClickPesa then calls it on every selected event.',
				active:
					'The workflow is active: ClickPesa events sent to the Production URL start it. Requests with a missing or wrong checksum are refused with 401 and start nothing (every request, while the credential has no Checksum Key and Accept Unsigned Webhooks is off).',
			},
			activationHint:
				'Publish (activate) the workflow and paste its Production URL into the ClickPesa dashboard; the Test URL only listens while you test.',
		},
		properties: [
			{
				displayName:
					'Webhooks are verified with the Checksum Key of the credential. Without a Checksum Key every call is refused (401), unless "Accept Unsigned Webhooks" is on: then anyone who knows this URL can start the workflow, and items say verified: false.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'clickpesa',
				required: true,
				description:
					'The last part of the webhook URL. Must be unique on this n8n instance; change it when several workflows receive ClickPesa events.',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: CLICKPESA_EVENT_NAMES.map((name) => ({ name: titleCase(name), value: name })),
				default: [...DEFAULT_EVENT_NAMES],
				description:
					'Events that start the workflow. Other events are acknowledged with 200 (so ClickPesa does not retry) and ignored.',
			},
			{
				displayName: 'Accept Unsigned Webhooks',
				name: 'acceptUnsigned',
				type: 'boolean',
				default: false,
				description:
					'Whether to start the workflow on webhooks that cannot be checked because the credential has no Checksum Key. DANGER: anyone who knows the URL can start the workflow then, with any payment they make up (items say verified: false). Leave off and set the Checksum Key instead; with a Checksum Key set, this has no effect.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Confirm With API',
						name: 'confirmWithApi',
						type: 'boolean',
						default: false,
						description:
							'Whether to ask ClickPesa for the payment or payout (GET by order reference) before starting the workflow. Items get confirmedStatus and confirmed (true only when ClickPesa has a transaction with the same ID as the event, in a status that agrees with the event, with the same amount and currency); a failed lookup still starts the workflow with confirmed false and a confirmationError.',
					},
					{
						displayName: 'Ignore Duplicates',
						name: 'ignoreDuplicates',
						type: 'boolean',
						default: false,
						description:
							'Whether to drop an event already received in the last 24 hours (same event, transaction ID and status; up to 10,000 remembered). The memory belongs to one n8n process: in queue mode with webhook processors or several main instances, a repeat that reaches another process is not caught, and a restart forgets everything.',
					},
				],
			},
		],
	};

	webhookMethods = { default: webhookRegisteredByHand };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleSafely(this, async (undo) => await handleClickPesaWebhook(this, undo));
	}
}
