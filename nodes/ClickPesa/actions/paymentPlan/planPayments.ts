import type { IDataObject } from 'n8n-workflow';

import { toMinorUnits } from '../../../shared/money';
import { dayIn, planStanding, standingItem, type Instalment, type PlanPayment } from '../../../shared/schedule';
import { clickPesaPayments } from '../paymentState';
import { simplifyPayment } from '../simplify';

/**
 * ClickPesa's side of payment plans: its calendar (Tanzania, UTC+3 all year) and how its payment
 * records count towards a plan. A BillPay plan is paid into its customer control number and a CRDB
 * mandate is debited under its mandate reference: either way the payments carry the plan's
 * reference as their order reference (docs/clickpesa-api.md §4.7, §4.17).
 */

export const CLICKPESA_TIME_ZONE = 'Africa/Dar_es_Salaam';

/** BillPay takes amounts of at least 0.01 (docs/clickpesa-api.md §4.7); no higher minimum is documented. */
export const CLICKPESA_MINIMUM_INSTALMENT_MINOR = 1;

/** Plans are collected in TZS (BillPay and CRDB direct debit are TZS only). */
export const PLAN_CURRENCY = 'TZS';

/** Today in Dar es Salaam. */
export const clickPesaToday = (moment: Date): string => dayIn(CLICKPESA_TIME_ZONE, moment);

/**
 * A ClickPesa payment as a plan counts it: paid (SUCCESS, SETTLED), pending, or a failed attempt
 * (a debit that did not go through); refunded and reversed money does not count. Undefined for a
 * payment in another currency or made after `asOfDay`.
 */
export function planPaymentOf(payment: IDataObject, asOfDay: string): PlanPayment | undefined {
	if (String(payment.collectedCurrency ?? PLAN_CURRENCY).toUpperCase() !== PLAN_CURRENCY) return undefined;
	const createdAt = Date.parse(String(payment.createdAt ?? ''));
	const day = Number.isNaN(createdAt) ? undefined : clickPesaToday(new Date(createdAt));
	if (day !== undefined && day > asOfDay) return undefined;
	const state = clickPesaPayments.stateOf(payment.status);
	if (state !== 'paid' && state !== 'pending' && state !== 'failed') return undefined;
	return { amountMinor: toMinorUnits(payment.collectedAmount, PLAN_CURRENCY) ?? 0, state, day, record: payment };
}

/** Where one plan stands on `asOfDay`, given the ClickPesa payments under its reference. */
export function clickPesaPlanStatus(planReference: string, instalments: Instalment[], payments: IDataObject[], asOfDay: string): IDataObject {
	const counted = payments.map((payment) => planPaymentOf(payment, asOfDay)).filter((payment): payment is PlanPayment => payment !== undefined);
	return {
		planReference,
		asOf: asOfDay,
		...standingItem(planStanding(instalments, counted, asOfDay), PLAN_CURRENCY),
		payments: counted.map((payment) => simplifyPayment(payment.record as IDataObject)),
	};
}
