package kassavonline

import (
	"strconv"
	"strings"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// The provider document says only "the server answers with JSON": it shows
// no answer. Parse therefore reads any JSON object tolerantly, by the field
// names below (first found wins; looked up at the top level, then inside a
// "data" or "receipt" object), and internal/sim/kassavonline answers with
// the first name of each list.
var (
	idFields        = []string{"receipt_id", "id"}
	stateFields     = []string{"receipt_status", "state", "print_status", "status"}
	errorCodeFields = []string{"error_code", "code"}
	messageFields   = []string{"message", "error_message", "error_text", "msg", "description"}

	fiscalFields = map[string][]string{
		"document_number": {"fiscal_document_number", "fd", "fiscal_doc_number", "doc_number"},
		"fiscal_sign":     {"fiscal_sign", "fp", "fpd", "fiscal_document_attribute"},
		"fn_number":       {"fn_number", "fn", "fiscal_storage_number"},
		"shift_number":    {"shift_number", "session_number"},
		"receipt_number":  {"receipt_number", "number_in_shift", "fiscal_receipt_number"},
		"date":            {"datetime", "date", "receipt_datetime", "fiscal_date"},
		"total":           {"total", "sum", "amount"},
		"qr":              {"qr", "qr_code"},
		"url":             {"url", "link", "ofd_url", "receipt_url"},
	}
)

// Words of the state fields, lower-cased. "success" and "ok" in "status"
// only say the request was accepted; in the other state fields they mean done.
var (
	errorWords  = words("error", "fail", "failed", "failure", "rejected", "canceled", "cancelled", "false")
	doneWords   = words("printed", "done", "fiscalized", "fiscalised", "completed", "complete", "registered")
	queuedWords = words("queued", "queue", "pending", "wait", "waiting", "new", "processing", "in_progress", "accepted", "printing", "created", "sent")
	okWords     = words("success", "ok", "true")
)

// Parse normalises an answer of /api/print, /api/status or /api/info:
//   - no answer, a body that is not a JSON object, HTTP 5xx, 408, 429 →
//     failed, retryable (a 2xx that is not JSON too: the request may not
//     have been processed); other HTTP 4xx/3xx without JSON → failed, not
//     retryable;
//   - a JSON error (an "error" or "errors" member that is not empty/false/0,
//     "status"/"result" "error"/"fail…", "success": false, or HTTP ≥ 300) →
//     failed with the provider's code and message, retryable only for HTTP
//     5xx, 408 and 429;
//   - otherwise the receipt state word (receipt_status, state, print_status,
//     status) decides: printed/done/… → done, error/failed/… → failed,
//     anything else → queued; without a word, fiscal data (a fiscal document
//     number, sign or FN number) means done, else queued (printing is
//     asynchronous: /api/print only puts the receipt in the cash register's
//     queue, /api/status tells when it is printed).
//
// Result.ID is receipt_id (or id); the other top-level members are kept in
// Result.Raw as text. Parse never panics.
func (kassa) Parse(resp provider.Response, o provider.Options) (res provider.Result, p receipt.Problems) {
	defer func() {
		if v := recover(); v != nil {
			res = provider.Result{State: provider.StateFailed, Retryable: true,
				Error: &provider.ResultError{Code: "invalid_answer", Message: "the answer could not be read"}}
			p = nil
		}
	}()
	st := resp.Status
	body := strings.TrimSpace(resp.Body)
	transient := st == 0 || st >= 500 || st == 408 || st == 429
	if st == 0 && body == "" {
		return failed(true, "no_answer", "no answer from Kassa-v-online"), nil
	}
	if !gjson.Valid(body) || !gjson.Parse(body).IsObject() {
		code := "invalid_answer"
		if st >= 300 {
			code = "http_" + strconv.Itoa(st)
		}
		retry := transient || (st >= 200 && st < 300)
		return failed(retry, code, "the answer is not a JSON object: "+clip(body, 200)), nil
	}
	root := gjson.Parse(body)
	scopes := []gjson.Result{root}
	for _, n := range []string{"data", "receipt"} {
		if v := member(root, n); v.IsObject() {
			scopes = append(scopes, v)
		}
	}
	res.ID = text(find(scopes, idFields))
	res.Raw = raw(root)

	if code, msg, isErr := answerError(root, scopes, st); isErr {
		r := failed(transient, code, msg)
		r.ID, r.Raw = res.ID, res.Raw
		return r, nil
	}

	state := stateWord(scopes)
	fiscal := fiscalOf(scopes)
	switch {
	case errorWords[state]:
		code, msg := errorDetails(root, scopes)
		if code == "" {
			code = "print_failed"
		}
		if msg == "" {
			msg = "the receipt state is " + state
		}
		r := failed(false, code, msg)
		r.ID, r.Raw, r.Fiscal = res.ID, res.Raw, fiscal
		return r, nil
	case doneWords[state], state == "" && fiscal != nil:
		res.State = provider.StateDone
	default:
		res.State = provider.StateQueued
	}
	res.Fiscal = fiscal
	if res.ID == "" && res.State != provider.StateFailed && (resp.For == "" || resp.For == "build") {
		p.Warnf(CodeAnswerWithoutID, "response.body")
	}
	return res, p
}

func failed(retry bool, code, msg string) provider.Result {
	return provider.Result{State: provider.StateFailed, Retryable: retry,
		Error: &provider.ResultError{Code: code, Message: msg}}
}

// answerError tells whether the answer reports an error, and its code and
// message.
func answerError(root gjson.Result, scopes []gjson.Result, st int) (string, string, bool) {
	isErr := st >= 300
	if e := member(root, "error"); truthy(e) {
		isErr = true
	}
	if e := member(root, "errors"); truthy(e) {
		isErr = true
	}
	for _, n := range []string{"status", "result"} {
		if v := member(root, n); v.Type == gjson.String && errorWords[strings.ToLower(strings.TrimSpace(v.Str))] {
			isErr = true
		} else if v.Type == gjson.False {
			isErr = true
		}
	}
	if v := member(root, "success"); v.Type == gjson.False || (v.Type == gjson.Number && v.Raw == "0") {
		isErr = true
	}
	if !isErr {
		return "", "", false
	}
	code, msg := errorDetails(root, scopes)
	if code == "" {
		if st >= 300 {
			code = "http_" + strconv.Itoa(st)
		} else {
			code = "error"
		}
	}
	if msg == "" {
		msg = "Kassa-v-online reported an error"
	}
	return code, msg, true
}

// errorDetails reads the error code and message from "error" (an object with
// code/message, or a string message), "errors" (strings or objects), or the
// top-level code/message fields.
func errorDetails(root gjson.Result, scopes []gjson.Result) (code, msg string) {
	e := member(root, "error")
	switch {
	case e.IsObject():
		code = text(find([]gjson.Result{e}, append([]string{"code"}, errorCodeFields...)))
		msg = text(find([]gjson.Result{e}, append([]string{"message", "text"}, messageFields...)))
	case e.Type == gjson.String:
		msg = e.Str
	case e.Type == gjson.Number:
		code = e.Raw
	}
	if es := member(root, "errors"); msg == "" && (es.IsArray() || es.IsObject()) {
		var parts []string
		es.ForEach(func(k, v gjson.Result) bool {
			s := text(v)
			if v.IsObject() {
				s = text(find([]gjson.Result{v}, append([]string{"message", "text"}, messageFields...)))
			}
			if es.IsObject() && s != "" {
				s = k.Str + ": " + s
			}
			if s != "" {
				parts = append(parts, s)
			}
			return len(parts) < 20
		})
		msg = strings.Join(parts, "; ")
	}
	if code == "" {
		code = text(find(scopes, errorCodeFields))
	}
	if msg == "" {
		msg = text(find(scopes, messageFields))
	}
	return clip(code, 64), clip(msg, 500)
}

// stateWord returns the lower-cased receipt state, "" when the answer has
// none (an "ok"/"success" in "status" is not a receipt state).
func stateWord(scopes []gjson.Result) string {
	for _, n := range stateFields {
		for _, s := range scopes {
			v := member(s, n)
			if v.Type != gjson.String {
				continue
			}
			w := strings.ToLower(strings.TrimSpace(v.Str))
			if w == "" || (n == "status" && okWords[w]) {
				continue
			}
			if okWords[w] {
				return "done"
			}
			return w
		}
	}
	return ""
}

// fiscalOf collects the fiscal data; nil when the answer has no fiscal
// document number, sign or FN number.
func fiscalOf(scopes []gjson.Result) *provider.Fiscal {
	get := func(k string) string { return clip(text(find(scopes, fiscalFields[k])), 200) }
	f := provider.Fiscal{
		DocumentNumber: get("document_number"),
		FiscalSign:     get("fiscal_sign"),
		FNNumber:       get("fn_number"),
	}
	if f == (provider.Fiscal{}) {
		return nil
	}
	f.ShiftNumber = get("shift_number")
	f.ReceiptNumber = get("receipt_number")
	f.Date = get("date")
	f.Total = get("total")
	f.QR = get("qr")
	f.URL = get("url")
	return &f
}

// raw keeps the top-level members that have no common name, as text. The
// state fields stay in (the provider's own word is worth keeping).
func raw(root gjson.Result) map[string]string {
	known := map[string]bool{"error": true, "errors": true}
	for _, l := range [][]string{idFields, errorCodeFields, messageFields} {
		for _, n := range l {
			known[n] = true
		}
	}
	for _, l := range fiscalFields {
		for _, n := range l {
			known[n] = true
		}
	}
	out := map[string]string{}
	root.ForEach(func(k, v gjson.Result) bool {
		if !known[k.Str] && len(out) < 50 {
			s := text(v)
			if v.IsObject() || v.IsArray() {
				s = v.Raw
			}
			out[clip(k.Str, 64)] = clip(s, 1000)
		}
		return true
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// member returns an object's member by its literal name.
func member(o gjson.Result, name string) gjson.Result {
	var r gjson.Result
	if o.IsObject() {
		o.ForEach(func(k, v gjson.Result) bool {
			if k.Str == name {
				r = v
				return false
			}
			return true
		})
	}
	return r
}

// find returns the first present, non-null, non-empty member of names.
func find(scopes []gjson.Result, names []string) gjson.Result {
	for _, n := range names {
		for _, s := range scopes {
			if v := member(s, n); v.Exists() && v.Type != gjson.Null && text(v) != "" {
				return v
			}
		}
	}
	return gjson.Result{}
}

// text is a scalar as text: strings as they are, numbers and booleans as
// their JSON text (never through float64); objects and arrays give "".
func text(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return strings.TrimSpace(v.Str)
	case gjson.Number, gjson.True, gjson.False:
		return v.Raw
	}
	return ""
}

// truthy reports whether an error member says there is an error: not
// absent, null, false, 0, "" or an empty array/object.
func truthy(v gjson.Result) bool {
	switch v.Type {
	case gjson.Null, gjson.False:
		return false
	case gjson.String:
		s := strings.TrimSpace(v.Str)
		return s != "" && s != "0" && !strings.EqualFold(s, "false")
	case gjson.Number:
		return strings.Trim(v.Raw, "0.-") != ""
	case gjson.JSON:
		n := 0
		v.ForEach(func(_, _ gjson.Result) bool { n++; return false })
		return n > 0
	}
	return v.Exists()
}

func words(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
