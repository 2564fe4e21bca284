// @ts-check
'use strict';

// Type definitions shared by the simulator modules (JSDoc only, no runtime code).

/**
 * A request as the route handlers see it, after routing and body parsing.
 * @typedef {object} SimRequest
 * @property {string} method
 * @property {string} path the concrete path, without the query string
 * @property {Record<string, string>} params values of the `:params` in the route template
 * @property {URLSearchParams} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {any} body parsed JSON (an object) or form fields; `{}` when the route takes no body
 * @property {string} remoteAddress
 */

/**
 * What a handler answers; the server turns it into the HTTP response.
 * @typedef {object} SimResponse
 * @property {number} status
 * @property {unknown} [body] serialised as JSON; omitted body means an empty response
 * @property {string} [text] sent verbatim instead of `body` (HTML pages); set `content-type` in `headers`
 * @property {Record<string, string>} [headers] extra response headers, e.g. `location` for a redirect
 */

/**
 * @typedef {'json' | 'form' | 'none'} BodyKind
 */

/**
 * A route of a provider or of the control API.
 * @typedef {object} RouteDefinition
 * @property {string} method
 * @property {string} path template relative to the base, e.g. `/payments/:orderReference`
 * @property {BodyKind} body
 * @property {(req: SimRequest) => SimResponse | Promise<SimResponse>} handle
 */

/**
 * A route placed under one of the provider's base paths.
 * @typedef {RouteDefinition & { base: string }} MountedRoute
 */

/**
 * How the HTTP plumbing talks to one simulated provider.
 * @typedef {object} Provider
 * @property {string} name used in route keys and the request log, e.g. `clickpesa`
 * @property {string} root every path under this prefix belongs to the provider, e.g. `/clickpesa`
 * @property {MountedRoute[]} routes
 * @property {(req: SimRequest) => SimResponse | null} [admit] runs for matched routes before the
 *   handler; an answer rejects the request (used for the rate limit)
 * @property {(headers: import('node:http').IncomingHttpHeaders) => string | undefined} presentedToken
 * @property {(token: string) => void} expireToken
 * @property {ProviderErrors} errors
 */

/**
 * Error responses the plumbing needs, in the provider's own error shape.
 * @typedef {object} ProviderErrors
 * @property {(method: string, path: string) => SimResponse} notFound
 * @property {(message: string) => SimResponse} malformedBody
 * @property {() => SimResponse} payloadTooLarge
 * @property {() => SimResponse} internal
 * @property {(status: number) => SimResponse} faultStatus default answer of a `status` fault
 */

/**
 * @typedef {object} ClickPesaClient
 * @property {string} clientId
 * @property {string} apiKey
 */

/**
 * @typedef {object} Clik2payClient
 * @property {string} username
 * @property {string} password
 * @property {string} apiKey
 */

/**
 * @typedef {object} ClickPesaConfig
 * @property {ClickPesaClient[]} clients
 * @property {string | null} checksumKey null = checksum disabled
 * @property {number} tokenTtlMs
 * @property {number} rateLimitPerMinute 0 disables the limit
 * @property {string | null} webhookUrl
 * @property {number | null} customerDelayMs null = the customer only acts when told to
 * @property {number} maxPageSize
 * @property {import('./clickpesa/money').FeeSchedule} collectionFee charged on USSD-push collections
 *   (and quoted by the USSD preview)
 * @property {import('./clickpesa/money').FeeSchedule} billPayFee charged on BillPay payments (the
 *   docs/clickpesa-api.md §4.7 says BillPay is fee-free, hence 0 by default)
 * @property {import('./clickpesa/money').FeeSchedule} payoutFee charged on payouts, computed on the
 *   TZS amount the recipient is to get
 * @property {'merchant' | 'customer' | 'both'} payoutFeeBearer who carries the payout fee
 * @property {number} payoutCooldownMs pause after a payout create before the next (0 = none)
 * @property {number | null} payoutDelayMs AUTHORIZED → SUCCESS after this; null = only when told
 * @property {Array<{ source: string, target: string, rate: number }>} exchangeRates
 * @property {Record<string, number>} startingBalance credited as deposits at start and on a state reset
 * @property {string | null} returnUrl where the hosted pages send the customer after paying (the
 *   hosted application's Return URL, §4.12); null = the simulator's own "Payment complete" page
 * @property {boolean} kycApproved false = card preview/initiate are refused as before KYC (§1.4)
 */

/**
 * @typedef {object} Clik2payConfig
 * @property {Clik2payClient[]} clients
 * @property {number} tokenTtlMs
 * @property {string | null} webhookUrl
 * @property {string | null} webhookUsername
 * @property {string | null} webhookPassword
 */

/**
 * @typedef {object} SimulatorConfig
 * @property {number} latencyMs added to every provider API response
 * @property {ClickPesaConfig} clickpesa
 * @property {Clik2payConfig} clik2pay
 */

/**
 * What provider modules get from the simulator.
 * @typedef {object} ProviderContext
 * @property {() => SimulatorConfig} config the current configuration (it changes on `configure`)
 * @property {import('./timers').TimerSet} timers
 * @property {import('./webhooks').WebhookSender} webhooks
 * @property {() => string} publicUrl `http://127.0.0.1:PORT` once listening (hosted links point there)
 * @property {import('./clock').SimulatorClock} clock the simulator's time (real time unless the control API moved it)
 */

module.exports = {};
