/** Payment processors, commerce platforms, shipping and crypto-exchange credentials. */
import type { SecretRule } from '../rule.js';
import { keyedPattern } from './keyedPattern.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const STRIPE_KEYS = 'https://docs.stripe.com/keys';
const SHOPIFY_TOKENS = 'https://shopify.dev/docs/apps/build/authentication-authorization';
/** Paystack's secret keys are `sk_live_` + 40 lowercase hex, which Stripe's never are. */
const PAYSTACK_SECRET = /^sk_(?:live|test)_[0-9a-f]{40}$/;

function shopifyToken(id: string, prefix: string, title: string, description: string): SecretRule {
  return {
    id,
    title,
    description,
    severity: 'critical',
    confidence: 'high',
    keywords: [`${prefix}_`],
    pattern: new RegExp(`\\b(${prefix}_[0-9a-fA-F]{32})\\b`),
    minEntropy: 3,
    references: [SHOPIFY_TOKENS],
    examples: {
      match: [
        `SHOPIFY_TOKEN=${prefix}_e78be4c73c1a88b361c06da2d410251f`,
        `"token": "${prefix}_91bad13355980ea7d6e79632fe852557"`,
      ],
      noMatch: [`SHOPIFY_TOKEN=${prefix}_b4cef7dc9838179de3ab`],
    },
  };
}

export const paymentRules: SecretRule[] = [
  {
    id: 'paystack-secret-key',
    title: 'Paystack live secret key',
    description: 'Calls the Paystack API for the live business: charges, transfers and refunds.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['sk_live_'],
    pattern: /\b(sk_live_[0-9a-f]{40})\b/,
    minEntropy: 3.3,
    references: ['https://paystack.com/docs/api/authentication/'],
    examples: {
      match: ['PAYSTACK_SECRET_KEY=sk_live_3788fc44564fc62347ec0d4eeed77b2a950eb8d3'],
      noMatch: [
        'PAYSTACK_PUBLIC_KEY=pk_live_d268e5552c24f717efaf0dfa6eef150eb5b49da4',
        'PAYSTACK_SECRET_KEY=sk_test_bc79b2aac434bc6d8855e62c92416632d23eaedd',
      ],
    },
  },
  {
    id: 'stripe-secret-key',
    title: 'Stripe live secret key',
    description:
      'Full access to the live Stripe account: charges, refunds, payouts and customer data.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['sk_live_'],
    pattern: /\b(sk_live_[A-Za-z0-9]{24,247})\b/,
    minEntropy: 3.5,
    allow: [PAYSTACK_SECRET],
    references: [STRIPE_KEYS],
    examples: {
      match: [
        'STRIPE_SECRET_KEY=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',
        "stripe.api_key = 'sk_live_Q62qFbxfAYDfTPS5p3PQDOkX'",
      ],
      noMatch: [
        'STRIPE_PUBLISHABLE_KEY=pk_live_1cIJ023zSABQZ1zWqj3cjMWMY80I4gpg52YUbvRYwcgI78m4SzlAPaBShDTaqhrsBKuqHqzteqxCeTcnqnZaF8ujsSGgTiPaj3z',
        'STRIPE_SECRET_KEY=sk_live_short',
        'PAYSTACK_SECRET_KEY=sk_live_537484a5ed9901d8e186e884dacba368d3cbea21',
      ],
    },
  },
  {
    id: 'stripe-restricted-key',
    title: 'Stripe live restricted key',
    description: 'Calls the live Stripe account with the permissions the restricted key was given.',
    severity: 'high',
    confidence: 'high',
    keywords: ['rk_live_'],
    pattern: /\b(rk_live_[A-Za-z0-9]{24,247})\b/,
    minEntropy: 3.5,
    references: [STRIPE_KEYS],
    examples: {
      match: [
        'STRIPE_RESTRICTED_KEY=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',
      ],
      noMatch: ['STRIPE_RESTRICTED_KEY=rk_live_short'],
    },
  },
  {
    id: 'stripe-test-secret-key',
    title: 'Stripe test-mode secret or restricted key',
    description:
      'Full access to the Stripe account in test mode: no real money, but test data, webhooks ' +
      'and account settings.',
    severity: 'low',
    confidence: 'high',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: /\b([sr]k_test_[A-Za-z0-9]{24,247})\b/,
    minEntropy: 3.5,
    allow: [PAYSTACK_SECRET],
    references: [STRIPE_KEYS],
    examples: {
      match: [
        'STRIPE_SECRET_KEY=sk_test_7OOAr2QHUsplZ9CqyjOR6JoAURHuEd4bsRR1zEmgTRQgjkhq2Dv2rxzZW1ofGL5gVUAERQ4Iyxb7aja6r7EMeHvJXGtMOtbI4Ly',
        'rk_test_Ud5Hd6L96HOC3ONEjxAF5nQ0',
      ],
      noMatch: [
        'STRIPE_PUBLISHABLE_KEY=pk_test_zRCc2AvIYlW6QYnMfqzXiAjSyFPM5J2tJJD8gPOFdLgPtrLKk3WpZqynatrALCwLYotlqh45TUsn1r0c79d7rEFXP0psm9prLwt',
      ],
    },
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe or Svix webhook signing secret',
    description: 'Signs webhook events; with it anyone can forge events the endpoint will trust.',
    severity: 'high',
    confidence: 'high',
    keywords: ['whsec_'],
    pattern: /\b(whsec_[A-Za-z0-9+/=]{32,88})(?![A-Za-z0-9+/=])/,
    minEntropy: 3.5,
    references: ['https://docs.stripe.com/webhooks#verify-events'],
    examples: {
      match: [
        'STRIPE_WEBHOOK_SECRET=whsec_wI1ZgiBOVYMiHLKT1iKXcAT4a2dxRmKg',
        'whsec_dcaf1d53d2d23a2d2834159641d8e19e2d40b096265c17585449ca90b57e2cf6',
      ],
      noMatch: ['STRIPE_WEBHOOK_SECRET=whsec_short'],
    },
  },
  {
    id: 'square-access-token',
    title: 'Square access token',
    description: 'Calls the Square API for the seller: payments, refunds, orders and customers.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['eaaa'],
    pattern: /\b(EAAA[A-Za-z0-9_-]{60})(?![\w-])/,
    minEntropy: 4,
    references: ['https://developer.squareup.com/docs/build-basics/access-tokens'],
    examples: {
      match: [
        'SQUARE_ACCESS_TOKEN=EAAAcUBtS-qSwzRaO-Phk2e3WPvrV15djGP7hjIWsTUz2D_KNHpNv6f8KR99IyUM',
      ],
      noMatch: [
        'FACEBOOK_TOKEN=EAAAlqkRrnpVSJhI7894KNd6XdnMSLK4aAuKCu9jveibuVaskJ8kvkZUOHoBSRg1kmBGH4gehW9g6UbiKn0ymPaC6oUTgLeKkD6CFSNQckSN9AYLLBhIM2RcoNZZtnvrRDPSUk1fBZVVwwLAzkTkkFW0rt',
        'SQUARE_ACCESS_TOKEN=EAAAshort',
      ],
    },
  },
  {
    id: 'square-legacy-access-token',
    title: 'Square access token (legacy format)',
    description: 'Calls the Square API for the seller: payments, refunds, orders and customers.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['sq0atp-'],
    pattern: /\b(sq0atp-[A-Za-z0-9_-]{22})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://developer.squareup.com/docs/build-basics/access-tokens'],
    examples: {
      match: ['SQUARE_TOKEN=sq0atp-ATQnTZG8Vd28cHwndz_qxA'],
      noMatch: ['SQUARE_TOKEN=sq0atp-short'],
    },
  },
  {
    id: 'square-oauth-secret',
    title: 'Square application secret',
    description: 'Exchanges OAuth codes for access tokens to sellers who authorised the app.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sq0csp-'],
    pattern: /\b(sq0csp-[A-Za-z0-9_-]{43})(?![\w-])/,
    minEntropy: 4,
    references: ['https://developer.squareup.com/docs/oauth-api/overview'],
    examples: {
      match: ['SQUARE_APP_SECRET=sq0csp-6kf4NUnrhXvVTdJzbtu_CZWkODbMUo8AkonyVvxFOTa'],
      noMatch: ['SQUARE_APP_ID=sq0idp-kPpFPM1mZ4fWzbnO8-p3Pa'],
    },
  },
  {
    id: 'braintree-access-token',
    title: 'PayPal Braintree production access token',
    description: 'Processes live payments and refunds through the Braintree merchant account.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['access_token$production$'],
    pattern: /\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b/,
    references: ['https://developer.paypal.com/braintree/docs/guides/authorization/overview'],
    examples: {
      match: [
        'BRAINTREE_TOKEN=access_token$production$hn4mhmta3bf3mypc$62ce45deaba9b4c0ca23ca8135e4c281',
      ],
      noMatch: ['BRAINTREE_TOKEN=access_token$production$abc$123'],
    },
  },
  {
    id: 'braintree-sandbox-access-token',
    title: 'PayPal Braintree sandbox access token',
    description: 'Processes sandbox payments of the Braintree account: no real money.',
    severity: 'low',
    confidence: 'high',
    keywords: ['access_token$sandbox$'],
    pattern: /\b(access_token\$sandbox\$[0-9a-z]{16}\$[0-9a-f]{32})\b/,
    references: ['https://developer.paypal.com/braintree/docs/guides/authorization/overview'],
    examples: {
      match: [
        'BRAINTREE_TOKEN=access_token$sandbox$i3atiqk8d1ub1rvu$85f044246d4776e1a5ce9d6d263abd78',
      ],
      noMatch: ['BRAINTREE_TOKEN=access_token$sandbox$abc$123'],
    },
  },
  {
    id: 'braintree-private-key',
    title: 'Braintree private key',
    description: 'With the public key, processes payments and refunds for the merchant account.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['braintree', 'bt_private'],
    pattern: keyedPattern(['braintree_private_key', 'bt_private_key'], '[0-9a-f]{32}'),
    minEntropy: 3.2,
    references: [
      'https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials',
    ],
    examples: {
      match: ['BRAINTREE_PRIVATE_KEY=48d0a4a63a17f6c16a11195019ae3912'],
      noMatch: ['BRAINTREE_PUBLIC_KEY=s5co65sxstereqpv', 'BRAINTREE_PRIVATE_KEY=4601c381e425afca'],
    },
  },
  {
    id: 'paypal-client-secret',
    title: 'PayPal REST API client secret',
    description: 'With the client ID, obtains PayPal API tokens: payments, payouts and refunds.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['paypal'],
    pattern: keyedPattern(['paypal_secret', 'paypal_client_secret'], '[A-Za-z0-9_-]{80}'),
    minEntropy: 4,
    references: ['https://developer.paypal.com/api/rest/authentication/'],
    examples: {
      match: [
        'PAYPAL_CLIENT_SECRET=Hgy84F8N0sqMZK8gYivbDs_q3ItPP1ro7OEU-LxoyMLekvAiC0KRYwUM6F5KrzoexSkmiuhV4pI976kk',
      ],
      noMatch: [
        'PAYPAL_CLIENT_ID=nuUZjsf332JL6GIyfOqcY0xLfal5KMhQO-oKCgDSdcoP6MWeB7KMmLTVRdytY0tVA-bLpGAZ2vDw7HLD',
        'PAYPAL_CLIENT_SECRET=gtXgRtr5-AUc1kktz1DVYxiJ0RBhmGJS6tjqowS9',
      ],
    },
  },
  shopifyToken(
    'shopify-access-token',
    'shpat',
    'Shopify Admin API access token',
    'Calls the Shopify Admin API for the store with the scopes of the app: orders, customers, products.',
  ),
  shopifyToken(
    'shopify-custom-app-token',
    'shpca',
    'Shopify custom app access token',
    'Calls the Shopify Admin API for the store with the scopes of the custom app.',
  ),
  shopifyToken(
    'shopify-private-app-token',
    'shppa',
    'Shopify private app access token',
    'Calls the Shopify Admin API for the store with the permissions of the private app.',
  ),
  shopifyToken(
    'shopify-shared-secret',
    'shpss',
    'Shopify app shared secret',
    'Verifies Shopify webhooks and OAuth requests for the app; with it they can be forged.',
  ),
  {
    id: 'adyen-api-key',
    title: 'Adyen API key',
    description: 'Calls the Adyen APIs for the merchant account: payments, refunds, payouts.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['aqe'],
    pattern: /\b(AQE[A-Za-z0-9+/]{40,250}={0,2}-[A-Za-z0-9+/]{43}=)/,
    minEntropy: 4.5,
    references: ['https://docs.adyen.com/development-resources/api-credentials/'],
    examples: {
      match: [
        'ADYEN_API_KEY=AQEmO95BKZCvV9EbGovJQqWXmY640yW/Nb/7/XXwl7Swoe3EunKTDLZwsmc2UsQtiuqw38aaHtQCKxN=-GmBPcv1NKG2WUl4dbVsGCQZVwLXtp0CERGqA5PzsU6a=',
      ],
      noMatch: [
        'ADYEN_CLIENT_KEY=live_ML9FLGJ9VJDAOUR2PVE8KI6YFGX98H15',
        'ADYEN_API_KEY=AQEshort=-abc=',
      ],
    },
  },
  {
    id: 'razorpay-key-secret',
    title: 'Razorpay key secret',
    description: 'With the key ID, calls the Razorpay API: payments, refunds, payouts.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['razorpay', 'rzp_'],
    pattern: keyedPattern(
      ['razorpay_secret', 'razorpay_key_secret', 'rzp_secret', 'rzp_key_secret'],
      '[A-Za-z0-9]{24}',
    ),
    minEntropy: 3.5,
    references: ['https://razorpay.com/docs/api/authentication/'],
    examples: {
      match: ['RAZORPAY_KEY_SECRET=KXZ2azZIbnYK5Niqk7NYkxUu'],
      noMatch: ['RAZORPAY_KEY_ID=rzp_live_lQ30xBLVyDAI2S', 'RAZORPAY_KEY_SECRET=5GARGY6cdU30'],
    },
  },
  {
    id: 'razorpay-live-key-id',
    title: 'Razorpay live key ID',
    description:
      'Identifies a live Razorpay API key; the key secret that completes it is usually stored ' +
      'next to it.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['rzp_live_'],
    pattern: /\b(rzp_live_[A-Za-z0-9]{14})\b/,
    minEntropy: 3,
    references: ['https://razorpay.com/docs/api/authentication/'],
    examples: {
      match: ['RAZORPAY_KEY_ID=rzp_live_Ncpapwk1KIoYuV'],
      noMatch: ['RAZORPAY_KEY_ID=rzp_test_Iljc1Ko1sdQHhd'],
    },
  },
  {
    id: 'flutterwave-secret-key',
    title: 'Flutterwave live secret key',
    description: 'Calls the Flutterwave API for the live account: charges, transfers, refunds.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['flwseck-'],
    pattern: /\b(FLWSECK-[0-9a-f]{32}-X)(?![\w-])/,
    minEntropy: 3.2,
    references: ['https://developer.flutterwave.com/docs/authentication'],
    examples: {
      match: ['FLW_SECRET_KEY=FLWSECK-f1661de351d2bf487d072043324e0ba7-X'],
      noMatch: [
        'FLW_SECRET_KEY=FLWSECK_TEST-6dfdce5ec9d2c7efb8a71a18e13d4791-X',
        'FLW_PUBLIC_KEY=FLWPUBK-43bc2bed076d8fcaa52c8e11234be3b4-X',
      ],
    },
  },
  {
    id: 'flutterwave-encryption-key',
    title: 'Flutterwave encryption key',
    description: 'Encrypts card payloads sent to Flutterwave for direct charges.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['flwseck'],
    pattern: /\b(FLWSECK(?:_TEST)?-?[0-9a-f]{12})(?![\w-])/,
    minEntropy: 3,
    references: ['https://developer.flutterwave.com/docs/encryption'],
    examples: {
      match: [
        'FLW_ENCRYPTION_KEY=FLWSECK_TEST6fd630583bca',
        'FLW_ENCRYPTION_KEY=FLWSECK26631414e055',
      ],
      noMatch: ['FLW_SECRET_KEY=FLWSECK-21f1ebde1399b0feee7a17ff67f13a89-X'],
    },
  },
  {
    id: 'coinbase-api-secret',
    title: 'Coinbase API secret',
    description:
      'Signs Coinbase API requests: can read balances and, with trade scopes, move funds.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['coinbase'],
    pattern: keyedPattern(
      ['coinbase'],
      '(?:[A-Za-z0-9]{32}|[A-Za-z0-9_-]{64}|[A-Za-z0-9+/]{86}==)',
      '(?![\\w+/=-])',
    ),
    minEntropy: 3.8,
    references: ['https://docs.cdp.coinbase.com/get-started/docs/authentication'],
    examples: {
      match: [
        'COINBASE_API_SECRET=bl38XaLAzhE6d3yZqV7u2mYz7KeHgiHY',
        'coinbase_private_key: "Qp99ka6l6wuiRyLEuT1aSthXt6kHxEl4hLO1jIUOo6HOKSVFDuh2XYMkgvg9tf9M6BeDr1/fNetZCnV5wDbUJt=="',
      ],
      noMatch: [
        'COINBASE_API_KEY_NAME=organizations/1ca33132-bae4-437f-ba2a-49a2381d6b2a/apiKeys/e5666759-7427-452b-90e9-80f646d61878',
      ],
    },
  },
  {
    id: 'plaid-access-token',
    title: 'Plaid access token',
    description: 'Reads the bank accounts, balances and transactions of a linked Plaid Item.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['access-production-', 'access-development-'],
    pattern: new RegExp(`\\b(access-(?:production|development)-${UUID})\\b`),
    references: ['https://plaid.com/docs/api/items/#access-tokens'],
    examples: {
      match: ['PLAID_ACCESS_TOKEN=access-production-8e3e2784-e548-415d-9c81-63b0111c873b'],
      noMatch: ['PLAID_ACCESS_TOKEN=access-sandbox-7e77a608-ccb9-4dea-bc5b-5caccf15c91c'],
    },
  },
  {
    id: 'plaid-secret',
    title: 'Plaid secret',
    description: 'With the client ID, calls the Plaid API for every Item linked to the app.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['plaid'],
    pattern: keyedPattern(['plaid_secret'], '[0-9a-f]{30}'),
    minEntropy: 3.2,
    references: ['https://plaid.com/docs/api/#api-access'],
    examples: {
      match: [
        'PLAID_SECRET=530c10ef3850b283a8fa0bf2501829',
        'PLAID_SECRET_PRODUCTION="0cea4d60b54ef64b057025fc97cb72"',
      ],
      noMatch: ['PLAID_CLIENT_ID=dbb058f4a7c1f6ecae920b32', 'PLAID_SECRET=5d59146c0b799ae0427a'],
    },
  },
  {
    id: 'gocardless-access-token',
    title: 'GoCardless live access token',
    description: 'Calls the GoCardless API for the live account: mandates, payments, payouts.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['gocardless'],
    pattern: /\b(live_[A-Za-z0-9_-]{40})(?![\w-])/,
    minEntropy: 3.8,
    references: ['https://developer.gocardless.com/getting-started/api/making-your-first-request/'],
    examples: {
      match: ['GOCARDLESS_ACCESS_TOKEN=live_SyUjVuPOrfcJSLyCnT3zhiG43YVrSpwFshLjBh-H'],
      noMatch: ['GOCARDLESS_ACCESS_TOKEN=sandbox_hTAeyVxytntQ_Stri2YcV_QL_7qJ2wvXlb_mfRKh'],
    },
  },
  {
    id: 'mollie-api-key',
    title: 'Mollie live API key',
    description: 'Calls the Mollie API for the live website profile: payments and refunds.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['mollie'],
    pattern: /\b(live_[A-Za-z0-9]{30})\b/,
    minEntropy: 3.5,
    references: ['https://docs.mollie.com/reference/authentication'],
    examples: {
      match: ['MOLLIE_API_KEY=live_bF4ooPRYqrIKpztxMBqcOkPuvHyxV2'],
      noMatch: ['MOLLIE_API_KEY=test_VDbAl8oz9T8UfCr5xQUdnOH4bLSb0V'],
    },
  },
  {
    id: 'mollie-access-token',
    title: 'Mollie organization access token',
    description: 'Calls the Mollie API for the whole organization with the scopes it was given.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['mollie'],
    pattern: /\b(access_[A-Za-z0-9]{40})\b/,
    minEntropy: 3.8,
    references: ['https://docs.mollie.com/reference/authentication'],
    examples: {
      match: ['MOLLIE_ACCESS_TOKEN=access_w8cmdQvTFfHGg4j4AyDdgT53PtgjlpTuRslIsOMM'],
      noMatch: ['MOLLIE_ACCESS_TOKEN=access_token'],
    },
  },
  {
    id: 'checkout-secret-key',
    title: 'Checkout.com live secret key',
    description: 'Calls the Checkout.com API for the live account: payments, refunds, payouts.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['checkout', 'cko'],
    pattern: keyedPattern(['checkout', 'cko'], `sk_(?:[a-z0-9]{26,30}|${UUID})`),
    minEntropy: 3.5,
    references: ['https://www.checkout.com/docs/developer-resources/api/manage-api-keys'],
    examples: {
      match: [
        'CHECKOUT_SECRET_KEY=sk_u1owlrb96m33eq38e5ma534zr2c',
        'CKO_SECRET_KEY="sk_1716f3d7-1e6c-4b59-a717-3927ad46e0d7"',
      ],
      noMatch: ['CHECKOUT_SECRET_KEY=sk_sbox_ast4n4xh8i5owhnvb94d0jbtlse', 'git checkout main'],
    },
  },
  {
    id: 'lemonsqueezy-api-key',
    title: 'Lemon Squeezy API key',
    description: 'Calls the Lemon Squeezy API for the store: orders, subscriptions, customers.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['lemonsqueezy', 'lemon_squeezy', 'lemon-squeezy', 'lmsqueezy'],
    pattern: keyedPattern(
      ['lemonsqueezy', 'lemon_squeezy', 'lmsqueezy'],
      'eyJ[A-Za-z0-9_-]{10,200}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{20,800}',
    ),
    minEntropy: 4,
    references: ['https://docs.lemonsqueezy.com/api/getting-started/requests#authentication'],
    examples: {
      match: [
        'LEMONSQUEEZY_API_KEY=eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJqH6a09t3vimpC4uMOA6-hYMMVxmyrzXyYFVxf4dMNWmheaYLOloyyDNphN39hlRJPRsvRZN4v1QHqwBi-vhOC2Jg12WHX1v6qnd4T827reFIIoBhCS5cW0ztAiWR93vU2hKhY5E7qI2dfdODevlEUD6QvVkBeuyyapfOWPHIAbSorjRPaqGXz1d4XdzxEM2DIzKPSeUs0Jgmmow-_uqx0B4p62pdE0Poq4BHEmShFXQjWHJ08j38_Gbi6451u_1xBbvUSHyOcobRUe85H_GMXjBxJXRxX5wsOFL8wVDnX3DE.0KEtqR5gzsAMBiT8aXcry3H-fiUdwk-WzJIaGhN3kklxT1ETlrDLVGiSUhqFxlFaKb-8VTwemByXqCiNsZtO-H7gSdrO8Rty-mpkmWZtiwqV0flcLsuVo2YatBzC6ReR-3N9kWRO6kCtZPb8j5ZZ1NnA0bUlFMSWmeDy8N9PJ5O8lwWlb8e3MQqdemtA_wHgMIrN1iAi7XDnP7OvGgnGhlMoe0Hgjpun8KqEfeoTTBU6SOeQK8mHlgDDZmiOGUDSa5PbIFFKJOgK_foRl5qKEDbjdxXTRre9ErKLCwmLizCooIgxBlx_VeouV0idlnV6eYQ2_QjMsZRGYAgnYJ8qPQ',
      ],
      noMatch: ['LEMONSQUEEZY_STORE_ID=71528'],
    },
  },
  {
    id: 'paddle-api-key',
    title: 'Paddle live API key',
    description: 'Calls the Paddle Billing API for the live account: transactions, subscriptions.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['pdl_live_apikey_'],
    pattern: /\b(pdl_live_apikey_[0-9a-z]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})\b/,
    minEntropy: 3.8,
    references: ['https://developer.paddle.com/api-reference/about/authentication'],
    examples: {
      match: [
        'PADDLE_API_KEY=pdl_live_apikey_014xc8tehfpbu3p0sdpzyu1sxr_QazwKmU1815o4qBQDumfB2_lrw',
      ],
      noMatch: ['PADDLE_CLIENT_TOKEN=live_c012085134b8a33e6b9b359ceae'],
    },
  },
  {
    id: 'paddle-sandbox-api-key',
    title: 'Paddle sandbox API key',
    description: 'Calls the Paddle Billing API for the sandbox account: no real money.',
    severity: 'low',
    confidence: 'high',
    keywords: ['pdl_sdbx_apikey_'],
    pattern: /\b(pdl_sdbx_apikey_[0-9a-z]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})\b/,
    minEntropy: 3.8,
    references: ['https://developer.paddle.com/api-reference/about/authentication'],
    examples: {
      match: [
        'PADDLE_API_KEY=pdl_sdbx_apikey_01qfbm568pat8wkeazdxm22p3h_7oiEEBVW3Q738zh0uO80xF_hk9',
      ],
      noMatch: ['PADDLE_API_KEY=pdl_sdbx_apikey_short'],
    },
  },
  {
    id: 'woocommerce-consumer-secret',
    title: 'WooCommerce REST API consumer secret',
    description: 'With the consumer key, reads or changes the store: orders, customers, products.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['cs_'],
    pattern: /\b(cs_[0-9a-f]{40})\b/,
    minEntropy: 3.3,
    references: ['https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication'],
    examples: {
      match: ['WC_CONSUMER_SECRET=cs_e378052e62678e22e4d24dc157cae4cf6448615e'],
      noMatch: [
        'WC_CONSUMER_KEY=ck_5f923e0a6cbd43d63d2845bc4188ef6131e18a7b',
        'WC_CONSUMER_SECRET=cs_916eac733dca6db64565',
      ],
    },
  },
  {
    id: 'easypost-api-key',
    title: 'EasyPost production API key',
    description: 'Buys shipping labels and reads shipments billed to the EasyPost account.',
    severity: 'high',
    confidence: 'high',
    keywords: ['ezak'],
    pattern: /\b(EZAK[A-Za-z0-9]{54})\b/,
    minEntropy: 4,
    references: ['https://docs.easypost.com/docs/authentication'],
    examples: {
      match: ['EASYPOST_API_KEY=EZAKGw1BoZIaNghl9bIFSTKwYf4gSLZQvOyija5kfXy2feElYMFjl0R3az'],
      noMatch: ['EASYPOST_API_KEY=EZAKshort'],
    },
  },
  {
    id: 'easypost-test-api-key',
    title: 'EasyPost test API key',
    description: 'Calls the EasyPost API in test mode: no real labels are bought.',
    severity: 'low',
    confidence: 'high',
    keywords: ['eztk'],
    pattern: /\b(EZTK[A-Za-z0-9]{54})\b/,
    minEntropy: 4,
    references: ['https://docs.easypost.com/docs/authentication'],
    examples: {
      match: ['EASYPOST_TEST_KEY=EZTKUM8C0YK1eHrBSAtvXGDVogxUujaikq9EUsfCGXaZInzdpRzYNUC22w'],
      noMatch: ['EASYPOST_TEST_KEY=EZTKshort'],
    },
  },
  {
    id: 'shippo-api-token',
    title: 'Shippo live API token',
    description: 'Buys shipping labels and reads shipments billed to the Shippo account.',
    severity: 'high',
    confidence: 'high',
    keywords: ['shippo_live_'],
    pattern: /\b(shippo_live_[0-9a-f]{40})\b/,
    minEntropy: 3.3,
    references: ['https://docs.goshippo.com/docs/guides_general/authentication/'],
    examples: {
      match: ['SHIPPO_TOKEN=shippo_live_95e8cc9294d5a98057b12fb30b92af0da5ca2d7e'],
      noMatch: ['SHIPPO_TOKEN=shippo_test_03176f61aa3316013fcfe9f7b8e06f25e3730fae'],
    },
  },
  {
    id: 'duffel-api-token',
    title: 'Duffel live access token',
    description: 'Searches and books flights and stays billed to the Duffel account.',
    severity: 'high',
    confidence: 'high',
    keywords: ['duffel_live_'],
    pattern: /\b(duffel_live_[A-Za-z0-9_=-]{43})(?![\w=-])/,
    minEntropy: 4,
    references: ['https://duffel.com/docs/api/overview/making-requests/authentication'],
    examples: {
      match: ['DUFFEL_ACCESS_TOKEN=duffel_live_Q6C8ILTnO2dYYvaQsNwqmpWxLLkUv1DFUH98tHhwaqW'],
      noMatch: ['DUFFEL_ACCESS_TOKEN=duffel_test_vnizVKrGVwAR6iYh71vtcW47jL5pU3sHZlUe0goZ_4I'],
    },
  },
  {
    id: 'recurly-api-key',
    title: 'Recurly private API key',
    description: 'Calls the Recurly API for the site: subscriptions, invoices, billing info.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['recurly'],
    pattern: keyedPattern(['recurly'], '[0-9a-f]{32}'),
    minEntropy: 3.2,
    references: [
      'https://recurly.com/developers/api/v2021-02-25/index.html#section/Authentication',
    ],
    examples: {
      match: ['RECURLY_API_KEY=7c6a8ce977315cdeef19bf2bbb9f235d'],
      noMatch: ['RECURLY_SUBDOMAIN=acme'],
    },
  },
  {
    id: 'binance-api-secret',
    title: 'Binance API secret key',
    description:
      'Signs Binance API requests: reads balances and, if enabled, trades and withdraws.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['binance'],
    pattern: keyedPattern(['binance_secret', 'binance_api_secret'], '[A-Za-z0-9]{64}'),
    minEntropy: 4,
    references: [
      'https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security',
    ],
    examples: {
      match: [
        'BINANCE_API_SECRET=bFsC3oVXx8QZWD2Kwgd7leHjdohNEcDjqU64sPK5foGn0BH7EDibutErYaJrSJYE',
      ],
      noMatch: [
        'BINANCE_API_KEY=I975hrH9SR5ZvpJD27C3bzBwEXGiU7wctfgQT28eCitDjuHQ3zfxhPA1qysaAs6N',
        'BINANCE_API_SECRET=Y9467qCrH5Curjlp9hKP4OmBWzU6eENk',
      ],
    },
  },
  {
    id: 'mercadopago-access-token',
    title: 'Mercado Pago production access token',
    description: 'Calls the Mercado Pago API for the seller: payments, refunds and customers.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['app_usr-'],
    pattern: /\b(APP_USR-\d{16}-\d{6}-[0-9a-f]{32}-\d{6,12})\b/,
    minEntropy: 3.3,
    references: ['https://www.mercadopago.com/developers/en/docs/your-integrations/credentials'],
    examples: {
      match: [
        'MP_ACCESS_TOKEN=APP_USR-4151557506523344-944627-bb8e852205836ce6c6874083557649ca-453901972',
      ],
      noMatch: ['MP_PUBLIC_KEY=APP_USR-965715e8-8876-489d-b58f-4c18c120d410'],
    },
  },
  {
    id: 'xendit-secret-key',
    title: 'Xendit production secret key',
    description: 'Calls the Xendit API for the live business: payments, disbursements, refunds.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['xnd_production_'],
    pattern: /\b(xnd_production_[A-Za-z0-9]{40,80})\b/,
    minEntropy: 4,
    references: ['https://docs.xendit.co/apidocs/authentication'],
    examples: {
      match: [
        'XENDIT_SECRET_KEY=xnd_production_xMoV7lmsVhZSUJFaxAcQckzeWbfj84tcwmEiL3NTe2lsVku5R1sGigYoIvKg',
      ],
      noMatch: [
        'XENDIT_SECRET_KEY=xnd_development_5InwGQfcUV6N4ja2gEeqGRASrCtzW1oIDW3TtIkYrOtwZ0ljXprQbVuJRSRX',
      ],
    },
  },
  {
    id: 'midtrans-server-key',
    title: 'Midtrans production server key',
    description:
      'Calls the Midtrans API for the live merchant: charges, refunds, transaction status.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['mid-server-'],
    pattern: /(?<![\w-])(Mid-server-[A-Za-z0-9_-]{24})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://docs.midtrans.com/docs/access-keys'],
    examples: {
      match: ['MIDTRANS_SERVER_KEY=Mid-server-G8W2wZ_5BtDfgmfCpj15VGEy'],
      noMatch: [
        'MIDTRANS_SERVER_KEY=SB-Mid-server-JR9PMTdZKKjkEbemMwVEdKfh',
        'MIDTRANS_CLIENT_KEY=Mid-client-4SBPW4fPWqRi1K2N',
      ],
    },
  },
];
