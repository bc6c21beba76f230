// Package itkassa builds ITKassa ("Айти Касса") OpenAPI requests from
// reconciled receipts and normalises its answers and callbacks. The
// contract is the provider's document, /work/shared/providers/itkassa-openapi.md
// (protocol 1.1); where it is silent or contradicts itself the decisions
// below hold, and each one is tested.
//
// # Requests
//
// Every request goes to {url}, by default DefaultURL
// (https://qapi.itkassa.ru/open/api/v1; settings section "url" overrides
// it), with the headers Content-Type "application/json;charset=UTF-8" and
// X-API-Key (settings api_key, never in a problem or message). A receipt is
// POST {url}/print-documents with {creItemId, idempKey, commands: [one
// sale|returnSale|buy|returnBuy command]}.
//
// Test mode: ITKassa has no test address, and whether a cashbox is a test
// one is known only from its answers (checkNumber 0). So a call with
// Options.Test that would POST to print-documents at the default address is
// refused (no_test_endpoint at settings.test): a test call must set
// settings.itkassa.url (the kopeck sandbox, a demo stand) or say "test":
// false. Reading calls (cashbox_list, document_by_key, callback_settings)
// are not refused.
//
// # Decisions on the receipt payload
//
//   - idempKey is deterministic: IdempKey(cre_item_id, order id, kind), a
//     UUID v5 over KeyNamespace. A retried request never prints twice; a
//     refund (another kind) gets another key. An order id is required.
//   - sno: "sno_ysn_dmr" for usn_income_outcome (the table splits it over
//     two cells; the correction example writes it whole).
//   - tax: "vat_120" is the calculated rate 20/120 (the table's
//     "НДС 10/120" contradicts itself; vat_110 is 10/110). vat5, vat7, vat22,
//     vat105, vat107, vat122 have no code: "unsupported" at line path+".vat".
//   - ppr: the 13 documented subjects; the FFD 1.2 subjects (property_right …
//     deposit) are "unsupported" at line path+".subject".
//   - Amounts are decimal strings: price and total with two decimals
//     ("70.95"), quantity the shortest exact decimal ("1", "1.5", "0.333") —
//     never a trailing-zero form that a reader could take for a thousands
//     separator. Each line's total must equal price × quantity rounded half
//     up (the core's guarantee, asserted again: line_amount_mismatch), the
//     lines must add up to the total and the payments too.
//   - All five payment amounts (amountCash, amountElectronic, amountPrepaid,
//     amountCredit, amountIncoming) are always written, "0.00" where unused.
//   - isPrintable is false for delivery by email or phone, and then
//     tagClientContact is required (the document says so): the contact of
//     the chosen channel, else the other one, else no_contact at
//     order.customer.email|phone. A printed receipt still carries a contact
//     when there is one. Phones in digits-only form get a leading "+".
//   - title: cut to 250 characters (runes) with a "truncated" warning.
//   - Agents: a line's agent type goes to lines[].tagAgentType (tag 1222,
//     the type's bit as a number: 1, 2, 4 … 64) with the supplier in
//     tagServiceProviderINN/Contact/Title (1226, 1171, 1225); the supplier
//     INN is required. The receipt-level tagAgentType (1057) is the OR of
//     the lines' bits. The paying agent and operator data (1044, 1073, 1074,
//     1005, 1016, 1026, 1075) exist in ITKassa only once per receipt: they
//     are taken from the lines' agent data and must agree between lines
//     (agent_data_conflict otherwise).
//   - A marking code goes to tagTrueSign (ITKassa derives tag 1162 from it);
//     a nomenclature code alone goes to lines[].tags as {id 1162, type
//     "array", value "15 20 04 36 …"}, the document's tags example.
//   - A vending receipt writes the vending address to tagSaleLocation (the
//     document labels it "Адрес оформления чека"). ITKassa has no field for
//     the machine number (1036): the cashbox registration carries it.
//   - A refund's reference to the original receipt has no ITKassa field and
//     is not sent.
//
// # Commands
//
// Command params (paths command.params.<field>):
//
//	open_shift, close_shift, x_report  {"id"?, "cashier"?: {"name","inn"}, "printable"? (true), "contact"?}
//	cash_in, cash_out                  the same and "amount": "500.52" (required, > 0)
//	correction                         {"id"?, "kind": "sale"|"purchase", "correction_type": "self"|"instruction",
//	                                    "doc_number", "doc_description", "doc_date": "YYYY-MM-DD", "tax_system",
//	                                    "vat": {"none"|"vat0"|"vat10"|"vat20"|"vat110"|"vat120": "amount"},
//	                                    "cashier"?, "printable"?}
//	slip                               {"id"?, "lines": [{"type":"print","text","font"?: "bold"|"normal"},
//	                                    {"type":"feed","count"}, {"type":"printQR","text","size"?}],
//	                                    "disable_print_footer"?}
//	cashbox_list                       {} → GET {url}/cre/items/
//	document_by_key, status            {"key"} or {"order_id", "kind" (default sale)}
//	                                   → GET {url}/print-documents/<key>/idempotent
//	callback_settings                  {"callback_api_key"? (default: settings callback_api_key),
//	                                    "error_email"?, "test_url"?, "print_result_url"}
//	                                   → POST {url}/organization/settings
//
// Anything else is "unsupported" at command.type. An "id" makes a
// print-documents command idempotent (IdempKey with the command type as
// kind). The cashier INN is written "tagCashierINN" everywhere: the
// document's report examples spell it "tagCashierInn", its field lists and
// the receipt and correction specs "tagCashierINN". cashIn/cashOut write
// amountCash as a JSON number (the document: "amountCash (число)", example
// 500.52), from the Money text, never through float64. Correction maps kind
// sale/purchase to paymentSign incoming/outcoming and correction_type
// self/instruction to bySelf/byDocument; VAT amounts are decimal strings.
// The slip is framed by startSlip/endSlip, as the document recommends;
// printQR size is written as a string ("6"), as in its example. The
// callback key must be 1–36 characters 0-9, a-z: "*, 0-9, a-z. До 36
// символов" reads the asterisk as the form's required mark.
//
// # Answers
//
// Parse gives:
//   - queued: a document whose resultItem is null (ID = object.id);
//   - done: result "success" (in resultItem, or at the top of the document),
//     with Fiscal from checkNumber (document number), checkSign (fiscal
//     sign), fsNumber (FN serial), sessionNumber, checkDate, checkUrl (the
//     QR string t=…&s=…&fn=…) and checkUrlOfd; the QR string fills empty
//     fields (i, fp, fn) and gives the total (s). checkNumber 0 marks a test
//     cashbox (Raw["test_cashbox"]);
//   - failed: result "critical_error", with ITKassa's lastErrorId as the
//     error code (creErrorId of resultItem when lastErrorId is absent;
//     "critical_error" for validation errors without a device error) and
//     lastErrorMessage (creErrorText, result_description) as the message.
//     lastErrorId 255 "no connection with KKM" is retryable; every other
//     device code is model-specific and final. A result that is neither is
//     failed and retryable (unknown_result): asking again is safe since the
//     idempKey stops a second print;
//   - HTTP 429 and 5xx: failed and retryable; 401/403: failed (the API key);
//     404: failed, not_found; not JSON: failed, invalid_answer; JSON with
//     code ≠ 0 and no document: failed, code_<code>.
//
// A callback (Response.For "callback") carries the document object itself.
// Its X-API-Key header (any letter case) is compared in constant time with
// settings callback_api_key: a missing or wrong key is failed with error
// callback_unauthorized (and a problem), and without a configured key no
// callback is accepted (required at settings.itkassa.callback_api_key).
package itkassa
