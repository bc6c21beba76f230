// Package nanokassa builds Nanokassa (nanokassa.ru) receipt requests from a
// reconciled receipt and reads Nanokassa's answers. The contract is
// nanokassa-api.txt (the receipt JSON) and nanokassa-encryption.md (the two
// encryption layers, endpoints and answers, taken from Nanokassa's own
// WordPress plugin). Where they are silent or contradict themselves, the
// decisions below hold; each one is tested.
//
// # Payload
//
// Build returns the inner JSON as Built.Payload, byte for byte what is
// encrypted, with the fields in the document's order: kassaid, kassatoken,
// cms, check_send_type, name_zakaz, check_vend_* (only when the settings
// name a vending machine), products_arr, oplata_arr, itog_arr, korr_arr
// (sale refunds), test. Amounts are kopecks as JSON integers.
//
//   - cms is settings.nanokassa.cms, default "wordpress" (the document's
//     "typical request").
//   - check_send_type is "email" or "phone" from settings.deliver. "print"
//     has no Nanokassa value: it is an error "unsupported" at
//     settings.deliver, never silently turned into email. The contact
//     itself is required (no_contact at order.customer.email/phone).
//   - name_zakaz is "заказ <order id>" as in the document's example ("заказ"
//     alone without an id).
//   - Vending: check_vend_address, check_vend_mesto, check_vend_num_avtovat
//     from settings.vending, at most 256, 256 and 20 characters; longer is an
//     error too_long at settings.vending.address/place/machine_number (a
//     place is not ours to cut).
//
// # Lines (products_arr)
//
//   - name_tovar is cut to 65 characters (runes: Cyrillic letters count as
//     one) with a warning "truncated" at <item>.name.
//   - price_piece is the final unit price, summa = kolvo × price_piece
//     rounded half up (the reconciled line's total, exactly), and
//     price_piece_bez_skidki the shop's unit price; skidka =
//     price_piece_bez_skidki × kolvo (rounded half up) − summa, the line's
//     whole discount, as in the document's example (7744 × 2 − 14191 = 1297).
//     Both are sent for every line, shipping too (the example leaves them
//     out of its delivery line; they are documented fields and carry a
//     shipping discount when there is one). A line priced above its listed
//     price shows price_piece_bez_skidki = price_piece and skidka 0.
//   - discount {"type":"amount","value":<skidka in rubles>} is present when
//     skidka > 0; value is a JSON number with exactly two decimals (12.97),
//     written from the kopecks, never through float64. (Nanokassa's plugin
//     sends the kopecks there; the document says rubles, the document wins.)
//   - kolvo is a JSON number written from the quantity's decimal text:
//     "2" for whole quantities, up to three decimals otherwise ("1.5",
//     "0.333").
//   - The document's own example is impossible: summa 14191 for kolvo 2 at
//     price_piece 7095. kopeck never sends such a line: the core splits it
//     into 1 × 7095 and 1 × 7096 (a warning line_split), which adds up to
//     14191 exactly. testdata/nanokassa/doc-example.* reproduces that order.
//   - stavka_nds: none→6, vat0→5, vat20→1, vat10→2, vat120→3, vat110→4, the
//     document's list. The codes 7..12 (5 %, 7 %, 5/105, 7/107, 22 %, 22/122)
//     appear only in a third-party TypeScript client's comment, not in the
//     API document nor in Nanokassa's plugin: by default vat5, vat7, vat105,
//     vat107, vat22 and vat122 are an error "unsupported" at <item>.vat.
//     A merchant whose Nanokassa account is confirmed to accept them sets
//     settings.nanokassa.extended_vat = true, and they are sent as 7..12.
//   - priznak_sposoba_rascheta 1..7 (FFD order); priznak_predmeta_rascheta
//     as listed: 1..6 and 8..13. The document skips 7 (lottery) and stops
//     at 13, so lottery and the FFD 1.2 subjects 14..19 are an error
//     "unsupported" at <item>.subject: we do not guess that the cash
//     register accepts a code Nanokassa does not list.
//   - priznak_agenta is a string, as the document types it: "none", or the
//     agent type's bit "0".."6". The agent fields 11–19 are always present
//     (empty strings when unused, as in the example). For an agent line the
//     ones the document marks for its type must be filled (agent_data_missing
//     at <item>.agent.<field> otherwise): bank paying (sub)agents 11, 12,
//     15, 16, 17 (transfer operator's phone, name, address, INN and the
//     operation); paying (sub)agents 13, 14 (agent's and receiving
//     operator's phones); every type 18, 19 (supplier's phone and name).
//     The supplier's INN has no Nanokassa field: a warning nanokassa_not_sent.
//   - code_tov_nomen is the line's nomenclature code, or, when it has
//     none, its marking code as given (the document's only marking field);
//     with both, the marking code is not sent (warning).
//   - deliveryposition "yes" marks shipping lines.
//
// # Payments, totals, refunds
//
//   - rezhim_nalog is a string "0".."5" (osn, usn_income, usn_income_outcome,
//     envd, esn, patent): the document's list says [int] but its example and
//     Nanokassa's plugin send a string.
//   - money_nal, money_electro, money_predoplata, money_postoplata,
//     money_vstrecha are the cash, electronic, prepaid, credit and other
//     payments; kassir_inn and kassir_fio the cashier (empty for online
//     shops); client_email and client_phone the customer's contacts, the
//     phone as digits only. The customer's name and INN have no field
//     (warning nanokassa_not_sent).
//   - itog_arr: priznak_rascheta 1..4 (sale, sale_refund, purchase,
//     purchase_refund), itog_cheka the receipt total (= Σ summa = Σ money_*).
//   - korr_arr (from the plugin) goes with sale refunds only:
//     {"name_doc_korr": reference.name, "date_doc_korr": reference.date as a
//     string of unix seconds (sent as given), "num_doc_korr":
//     reference.number}; an incomplete reference is an error at
//     order.reference.<field>. Without a reference the refund is sent
//     without korr_arr, with a warning nanokassa_no_reference: the API
//     document does not require it, and we do not invent the plugin's
//     placeholders ("Коррекция", "1"). A reference on any other kind is not
//     sent (warning).
//   - test is the string "1" (Options.Test) or "0", in the inner JSON and in
//     both envelopes, as the envelopes send it.
//
// # Encryption and request
//
// Each layer takes a fresh 32-byte AES key and 16-byte IV from
// Options.Rand, encrypts with AES-256-CTR, computes HMAC-SHA512 over
// IV ‖ ciphertext with the layer's HMAC constant, and sends
// key = base64(RSA-OAEP-SHA1(AES key)) and data = base64(mac ‖ IV ‖ ct). The
// OAEP seed is read from Options.Rand too, so all randomness comes from
// there (Go's EncryptOAEP honours its reader). Envelope 1 is
// {"ab","de","kassaid","kassatoken","check_type":"standart","test"};
// envelope 2, the body, {"aab","dde","test"}; POST with Content-Type
// application/json to http://q.nanokassa.ru/srv/igd.php. The official
// 4096-bit public keys and HMAC constants are the defaults; url,
// status_url, public_key_first/second (PEM) and hmac_first/second
// (base64) in settings.nanokassa override them for the simulator.
// kassaid and kassatoken are required (errors at settings.nanokassa.*);
// no problem message ever contains the token or a key.
//
// # Commands and answers
//
// Nanokassa documents one service request: the status of a receipt,
// GET http://fp.nanokassa.com/getfp?nuid=…&qnuid=…&auth=base, params
// {"nuid","qnuid"} or {"id":"nuid:qnuid"}. Every other command type is an
// error "unsupported" at command.type.
//
// Parse reads:
//   - a submission answer: {"status":"success","nuid","qnuid",…} → queued
//     with ID "nuid:qnuid" (use it as the status command's id);
//     {"status":"error","error":…} → failed, not retryable (the same request
//     would be refused again), the message as Error.Message;
//   - a getfp answer: check_status 0 → queued; 1 or 3 → done with Fiscal
//     (check_num_fd, check_num_fp, check_fn_num, check_qr_code, check_itog as
//     reported, check_dt_unixtime as RFC 3339 UTC); any other → failed;
//   - HTTP 429 and 5xx → failed, retryable; other non-2xx → failed;
//   - a body that is not a JSON object → failed, not retryable (the receipt
//     may have been registered; Nanokassa has no idempotency key), never a
//     panic.
package nanokassa
