// Package kassavonline is a strict local stand-in for the Kassa-v-online
// API (shared/providers/kassa-v-online-api.txt), used by tests and by
// `kopeck sandbox`. It accepts only what the document allows:
//
//   - POST to /api/print, /api/status or /api/info (else 405 / 404);
//   - a form body, application/x-www-form-urlencoded or multipart/form-data
//     (what the document's PHP example sends), with exactly the fields
//     params, user and key, each once and non-empty;
//   - user and key equal to SimUser and SimKey (else 401);
//   - params a JSON object; for /api/print the rules of Check (check.go),
//     then kkm_serial_number and kkm_connection_key equal to SimSerial and
//     SimConnKey (else 403);
//   - /api/status params exactly {"receipt_id": integer > 0,
//     "session_info": 0|1}; /api/info exactly {"receipt_id": integer > 0};
//     an unknown id is 404.
//
// The document shows no answer at all. The simulator answers with the shape
// that plugin/provider/kassavonline's Parse documents (first field names of
// its lists), always JSON:
//
//	print ok   200 {"receipt_id":24533,"status":"success"}
//	status     200 {"receipt_id":24533,"receipt_status":"queued","status":"success"}   (first question)
//	           200 {"datetime":"…","fiscal_document_number":"1","fiscal_sign":"…","fn_number":"9999078900012345",
//	                "receipt_id":24533,"receipt_number":"1","receipt_status":"printed","shift_number":"1",
//	                "status":"success","total":"212.86"[,"session":{"number":1,"open":true}]}
//	info       200 the printed status answer plus "receipt": the receipt object as sent
//	error      4xx {"error":{"code":"invalid_params","message":"…"},"status":"error"}
//
// Error codes: method_not_allowed, unknown_method, invalid_request,
// auth_failed, invalid_params (the message lists every violation),
// kkm_auth_failed, not_found. Receipt ids start at 24533 (the document's
// example id). A sale opens the shift when it is closed; a Z report closes
// it. Fiscal data are deterministic (a counter and a hash of the params), so
// tests may compare them.
package kassavonline
