// Package nanokassa is a strict local stand-in for Nanokassa's receipt API,
// used by kopeck's tests and by `kopeck sandbox`.
//
//   - New generates two RSA key pairs (2048-bit: Nanokassa's own keys are
//     4096-bit, but generating those takes seconds per test; OAEP-SHA1 works
//     the same way at either size) and two 32-byte HMAC keys, and picks a
//     kassaid and kassatoken. Settings(baseURL) returns the settings.nanokassa
//     section pointing kopeck at the simulator (url, status_url, both public
//     keys, both HMAC keys, the credentials).
//   - POST /srv/igd.php: the body must be application/json
//     {"aab","dde","test"}; the simulator decrypts the second layer (HMAC
//     checked first), reads envelope 1 {"ab","de","kassaid","kassatoken",
//     "check_type","test"} (check_type may be missing, as in Nanokassa's
//     plugin, but if present must be "standart"), requires its test to equal
//     the outer one and the credentials to be its own, decrypts the first
//     layer, requires the inner kassaid, kassatoken and test to agree with the
//     envelope, and runs Check. It answers
//     {"status":"success","success":"added army record to nanokassa.ru",
//     "nuid","qnuid"} or {"status":"error","error":"<every broken rule>"}.
//   - GET /getfp?nuid=…&qnuid=…&auth=base answers check_status 0 for the
//     first PendingPolls polls, then 1 (3 with check_status_info "debug" for
//     a test receipt) with check_num_fd, check_num_fp, check_fn_num,
//     check_itog (rubles), check_dt_unixtime and check_qr_code.
//
// Check is the document's rules written out independently of the builder
// (field presence and types, summa = kolvo × price_piece rounded half up,
// skidka = price_piece_bez_skidki × kolvo − summa, discount.value = skidka in
// rubles, itog_cheka = Σ summa = Σ money_*, enumerations, name ≤ 65
// characters, agent fields per agent type, digits-only client_phone, email
// shape, vending limits, test 0/1, korr_arr only on a refund). Run on the
// document's own example it reports exactly the example's three mistakes.
package nanokassa
