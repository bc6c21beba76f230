// Package kassavonline builds receipts for Kassa-v-online
// (https://kassa-v-online.ru/api/[METHOD], document
// shared/providers/kassa-v-online-api.txt, "the document" below) and reads
// its answers.
//
// # Request
//
// Every call is a POST to <url>/api/print, /api/status or /api/info with
// three form fields: params (the JSON text of the method's params object),
// user and key, encoded as application/x-www-form-urlencoded by url.Values
// (fields sorted: key, params, user; the same input gives the same bytes).
// The document's PHP example posts an array with CURLOPT_POSTFIELDS, which
// curl sends as multipart/form-data; a PHP server reads both encodings, and
// kopeck sends the simpler one. Built.Payload is the params JSON of
// /api/print.
//
// Settings (settings.kassavonline):
//
//	{"user":"…","key":"…","kkm_serial_number":"…","kkm_connection_key":"…",
//	 "url":"https://kassa-v-online.ru","marking":"error"}
//
// user and key are always required; kkm_serial_number and
// kkm_connection_key for receipts and reports. url (optional) replaces the
// base address (scheme and host, without /api). A missing credential is a
// "required" error at its path; credentials and the url never appear in a
// message.
//
// Test mode: the document has no sandbox, every request to the provider
// prints a real fiscal document. With "test": true (the default) Build and
// the x_report/close_shift commands are therefore refused with
// "no_test_mode" at settings.test unless url points elsewhere (kopeck
// sandbox, internal/sim/kassavonline). status and info only read and are
// always allowed.
//
// # Receipt (params of /api/print)
//
//	{"kkm_serial_number":"…","kkm_connection_key":"…","receipt":{
//	  "ffd":"1.05","type":"cash_in","is_electronic":1,"cashier":"","cashier_inn":"",
//	  "client_tel":"+79123456789","client_email":"a@b.ru",
//	  "items":[{"title":"…","price":141.91,"quantity":1.5,"tax_type_name":"NO",
//	            "payment_type":4,"payment_subject":1,"agent_type":"NONE",
//	            "suplier_name":"","suplier_inn":"","suplier_phone":""}],
//	  "payments":[{"type":"cash","amount":212.86}]}}
//
// Fields are written in the document's order and always present (empty
// strings included), as in its example.
//
//   - type: sale → cash_in, sale_refund → return_cash_in. The document has no
//     type for purchase and purchase_refund: "unsupported" at order.kind.
//   - is_electronic: 1 ("do not print, send") for deliver email or phone, 0
//     (print) for print; an empty deliver gives 1 when the customer has a
//     contact. The document mentions sending to email only; deliver phone
//     sends client_tel with is_electronic 1. Deliver email without an email,
//     or phone without a phone, is "no_contact".
//   - client_email and client_tel are sent whenever the customer has them;
//     a phone of digits (79123456789) is sent as +79123456789.
//   - Money: price and amount are decimal(22,2) in the document: RUBLES with
//     two decimals, written as JSON numbers from the exact text of
//     receipt.Money (141.91, 105200.00), never through float64. The
//     document's example "price" => 105200 for a package tour to Turkey is
//     105 200 rubles (a plausible tour price; 1 052 rubles would not be, and
//     a kopeck amount would be an integer type). quantity is decimal(22,3),
//     a JSON number from receipt.Qty (1, 1.5, 0.333). The document's example
//     uses numbers; strings would be a guess.
//   - tax_type_name: none → NO, vat0 → VAT0, vat10 → VAT10, vat20 → VAT20,
//     vat110 → VAT110, vat120 → VAT120. VAT18/VAT118 are in the document but
//     are the 18 % rates abolished in 2019: never produced. vat5, vat7,
//     vat22, vat105, vat107, vat122 have no code: "unsupported" at the
//     line's path + ".vat".
//   - payment_type: the FFD code 1–7 of the payment method (all listed).
//   - payment_subject: the FFD code of the subject; the document lists 1–14
//     and 17–19, so non_operating_gain (15) and insurance_premium (16) are
//     "unsupported" at path + ".subject".
//   - agent_type: no agent → NONE, commission_agent → COMMISSION_AGENT,
//     another → ANOTHER; other agent types are "unsupported" at
//     path + ".agent.type". With an agent, suplier_name, suplier_inn and
//     suplier_phone are required ("agent_data_missing" at
//     path + ".agent.supplier.name|inn|phone"); without one they are "".
//   - payments: cash → cash, electronic → electronically, prepaid →
//     prepaid, credit → credit, other → other; zero payments are left out.
//
// # Line totals: exact lines only
//
// An item has no total: the provider computes price × quantity itself. Every
// line must therefore satisfy price × quantity == total EXACTLY (not rounded
// half up as receipt.Amount allows). A fractional quantity whose product is
// not a whole number of kopecks (0.99 × 1.5 = 1.485) is an error
// "inexact_line_total" at the line's path: the provider would fiscalise a
// different amount than the payments. Payments must add up to the lines
// ("payments_mismatch") and the lines to the receipt total
// ("total_mismatch"). Reconciliation has to produce exact lines for this
// provider.
//
// # Limits
//
// The document gives no lengths; these are the FFD 1.05 tag limits:
//
//	field            tag   limit  over the limit
//	items[].title    1030  128    cut by runes, warning "truncated"
//	cashier          1021  64     cut by runes, warning "truncated"
//	cashier_inn      1203  12     error "too_long"
//	client_email     1008  64     error "too_long"
//	client_tel       1008  64     error "too_long"
//	suplier_name     1225  256    cut by runes, warning "truncated"
//	suplier_inn      1226  12     error "too_long"
//	suplier_phone    1171  19     error "too_long"
//	price, amount    —     decimal(22,2): always within receipt.MaxMoney
//	quantity         —     decimal(22,3): always within receipt.MaxQty
//
// # What has no field
//
//   - Marking (marking_code, nomenclature_code, tag 1162): the document has
//     no field. Sending a marked good without its code breaks the marking
//     rules, so it is an error "marking_unsupported" at path +
//     ".marking_code" (or ".nomenclature_code"). A seller who accepts that
//     sets "marking": "warn": the line is sent without the code and a
//     warning "not_sent" says so.
//   - Customer name and INN (tags 1227/1228) and vending data: warning
//     "not_sent". The tax system (tag 1055) and the refund reference are not
//     sent and not warned about: the cash register is registered with its
//     tax system, and FFD 1.05 needs no reference on a refund.
//
// # Commands
//
// x_report and close_shift print {"type":"x-report"} / {"type":"z-report"}
// through /api/print (X reports are not available on Evotor terminals, says
// the document; kopeck cannot tell). status posts {"receipt_id":N,
// "session_info":0|1} to /api/status and info {"receipt_id":N} to /api/info;
// their params carry no cash register credentials, as in the document.
// Everything else is "unsupported" at command.type.
//
// # Answers
//
// The document does not show a single answer: it says only that the server
// answers with JSON. Parse (answer.go) reads any JSON object tolerantly and
// is the contract internal/sim/kassavonline answers by:
//
//	accepted   {"status":"success","receipt_id":24533}                → queued, ID "24533"
//	status     {"status":"success","receipt_id":24533,"receipt_status":"printed",
//	            "fiscal_document_number":"…","fiscal_sign":"…","fn_number":"…",…} → done
//	error      {"status":"error","error":{"code":"…","message":"…"}}  → failed
//
// Bodies that are not JSON objects, HTTP 5xx, 408 and 429 are failed and
// retryable; other errors are failed and not retryable. Beware: the
// document offers no idempotency key, so a retried /api/print after an
// answer that was lost may print twice; ask /api/status first when an id is
// known.
package kassavonline
