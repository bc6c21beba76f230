package kassavonline

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

// Fixed credentials of every simulator: it is a local stand-in, not a
// secret store.
const (
	SimUser    = "kopeck-sim"
	SimKey     = "kopeck-sim-secret-key"
	SimSerial  = "00000000000001"
	SimConnKey = "kopeck-sim-kkm-connection-key"
	SimFN      = "9999078900012345"
	firstID    = 24533
	maxBody    = 1 << 20
)

// Sim is a strict stand-in for Kassa-v-online. It is safe for concurrent use.
type Sim struct {
	mu       sync.Mutex
	accepted []json.RawMessage
	receipts map[int64]*printed
	nextID   int64
	shift    int  // current shift number (0 before the first)
	open     bool // whether the shift is open
	inShift  int  // documents in the current shift
	fd       int  // fiscal document counter
}

// printed is one accepted document.
type printed struct {
	id      int64
	kind    string // cash_in, return_cash_in, x-report, z-report
	params  json.RawMessage
	total   string
	fd      int
	shift   int
	number  int
	asked   bool // whether its status was asked (first answer: queued)
	receipt json.RawMessage
}

// New returns a simulator with the fixed credentials SimUser, SimKey,
// SimSerial and SimConnKey.
func New() *Sim {
	return &Sim{receipts: map[int64]*printed{}, nextID: firstID}
}

// Settings returns the settings.kassavonline section that points kopeck at
// the simulator served at baseURL (scheme and host, no /api).
func (s *Sim) Settings(baseURL string) map[string]any {
	return map[string]any{
		"url":                strings.TrimRight(baseURL, "/"),
		"user":               SimUser,
		"key":                SimKey,
		"kkm_serial_number":  SimSerial,
		"kkm_connection_key": SimConnKey,
	}
}

// Accepted returns the params JSON of every /api/print request accepted so
// far (receipts and reports), in order.
func (s *Sim) Accepted() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]json.RawMessage(nil), s.accepted...)
}

// ServeHTTP answers /api/print, /api/status and /api/info.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		fail(w, http.StatusMethodNotAllowed, "method_not_allowed", "the API is called with POST")
		return
	}
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	if method != "print" && method != "status" && method != "info" || !strings.HasPrefix(r.URL.Path, "/api/") {
		fail(w, http.StatusNotFound, "unknown_method", "no such method: "+r.URL.Path)
		return
	}
	form, problem := readForm(r)
	if problem != "" {
		fail(w, http.StatusBadRequest, "invalid_request", problem)
		return
	}
	if !same(form["user"], SimUser) || !same(form["key"], SimKey) {
		fail(w, http.StatusUnauthorized, "auth_failed", "wrong user or key")
		return
	}
	params := []byte(form["params"])
	if !gjson.ValidBytes(params) || !gjson.ParseBytes(params).IsObject() {
		fail(w, http.StatusBadRequest, "invalid_params", "params is not a JSON object")
		return
	}
	switch method {
	case "print":
		s.print(w, params)
	case "status":
		s.status(w, params)
	default:
		s.info(w, params)
	}
}

// readForm reads exactly the three documented fields from an
// application/x-www-form-urlencoded or multipart/form-data body (the query
// string does not count).
func readForm(r *http.Request) (map[string]string, string) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxBody)
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, "no Content-Type"
	}
	switch ct {
	case "application/x-www-form-urlencoded":
		err = r.ParseForm()
	case "multipart/form-data":
		err = r.ParseMultipartForm(maxBody)
	default:
		return nil, "Content-Type " + ct + " is not a form"
	}
	if err != nil {
		return nil, "the form cannot be read"
	}
	out := map[string]string{}
	for k, vs := range r.PostForm {
		if k != "params" && k != "user" && k != "key" {
			return nil, "unknown field " + strconv.Quote(k)
		}
		if len(vs) != 1 {
			return nil, "field " + k + " given more than once"
		}
		out[k] = vs[0]
	}
	for _, k := range []string{"params", "user", "key"} {
		if out[k] == "" {
			return nil, "field " + k + " is required"
		}
	}
	return out, ""
}

func (s *Sim) print(w http.ResponseWriter, params []byte) {
	if bad := Check(params); len(bad) > 0 {
		fail(w, http.StatusBadRequest, "invalid_params", strings.Join(bad, "; "))
		return
	}
	root := gjson.ParseBytes(params)
	if !same(get(root, "kkm_serial_number").Str, SimSerial) || !same(get(root, "kkm_connection_key").Str, SimConnKey) {
		fail(w, http.StatusForbidden, "kkm_auth_failed", "unknown cash register or wrong connection key")
		return
	}
	rc := get(root, "receipt")
	kind := get(rc, "type").Str
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.open && kind != "z-report" {
		s.shift++
		s.open, s.inShift = true, 0
	}
	total := decimal.Zero
	for _, p := range get(rc, "payments").Array() {
		total = total.Add(decimal.RequireFromString(get(p, "amount").Raw))
	}
	s.fd++
	s.inShift++
	doc := &printed{id: s.nextID, kind: kind, params: append(json.RawMessage(nil), params...),
		total: total.StringFixed(2), fd: s.fd, shift: s.shift, number: s.inShift, receipt: json.RawMessage(rc.Raw)}
	if kind == "z-report" {
		s.open = false
	}
	s.receipts[doc.id] = doc
	s.nextID++
	s.accepted = append(s.accepted, doc.params)
	reply(w, http.StatusOK, map[string]any{"status": "success", "receipt_id": doc.id})
}

// receiptID reads params.receipt_id: a positive JSON integer.
func receiptID(root gjson.Result) (int64, string) {
	v := get(root, "receipt_id")
	if v.Type != gjson.Number {
		return 0, "receipt_id: required integer"
	}
	id, err := strconv.ParseInt(v.Raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, "receipt_id: not a positive integer: " + v.Raw
	}
	return id, ""
}

// lookup returns receipt id, or answers 404 and returns nil; s.mu is held.
func (s *Sim) lookup(w http.ResponseWriter, id int64) *printed {
	doc, ok := s.receipts[id]
	if !ok {
		fail(w, http.StatusNotFound, "not_found", "no receipt "+strconv.FormatInt(id, 10))
		return nil
	}
	return doc
}

func (s *Sim) status(w http.ResponseWriter, params []byte) {
	root := gjson.ParseBytes(params)
	var bad []string
	unknownKeys(root, "params", set("receipt_id", "session_info"), func(p, m string) { bad = append(bad, p+": "+m) })
	id, problem := receiptID(root)
	if problem != "" {
		bad = append(bad, problem)
	}
	si := get(root, "session_info")
	if si.Type != gjson.Number || (si.Raw != "0" && si.Raw != "1") {
		bad = append(bad, "session_info: must be the integer 0 or 1")
	}
	if len(bad) > 0 {
		fail(w, http.StatusBadRequest, "invalid_params", strings.Join(bad, "; "))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := s.lookup(w, id)
	if doc == nil {
		return
	}
	out := s.describe(doc, true)
	if si.Raw == "1" {
		out["session"] = map[string]any{"number": doc.shift, "open": s.open}
	}
	reply(w, http.StatusOK, out)
}

func (s *Sim) info(w http.ResponseWriter, params []byte) {
	root := gjson.ParseBytes(params)
	var bad []string
	unknownKeys(root, "params", set("receipt_id"), func(p, m string) { bad = append(bad, p+": "+m) })
	id, problem := receiptID(root)
	if problem != "" {
		bad = append(bad, problem)
	}
	if len(bad) > 0 {
		fail(w, http.StatusBadRequest, "invalid_params", strings.Join(bad, "; "))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := s.lookup(w, id)
	if doc == nil {
		return
	}
	out := s.describe(doc, false)
	out["receipt"] = doc.receipt
	reply(w, http.StatusOK, out)
}

// describe is the answer about a document: the first status question finds
// it "queued", later ones "printed" with its fiscal data; info always
// describes it as printed.
func (s *Sim) describe(doc *printed, statusAsk bool) map[string]any {
	out := map[string]any{"status": "success", "receipt_id": doc.id}
	if statusAsk && !doc.asked {
		doc.asked = true
		out["receipt_status"] = "queued"
		return out
	}
	h := fnv.New64a()
	h.Write(doc.params)
	out["receipt_status"] = "printed"
	out["fiscal_document_number"] = strconv.Itoa(doc.fd)
	out["fiscal_sign"] = strconv.FormatUint(h.Sum64()%4294967296, 10)
	out["fn_number"] = SimFN
	out["shift_number"] = strconv.Itoa(doc.shift)
	out["receipt_number"] = strconv.Itoa(doc.number)
	out["datetime"] = fmt.Sprintf("2026-01-01T%02d:%02d:00+03:00", 9+doc.fd/60%12, doc.fd%60)
	if doc.kind == "cash_in" || doc.kind == "return_cash_in" {
		out["total"] = doc.total
	}
	return out
}

// fail answers with the simulator's error shape:
// {"status":"error","error":{"code":"…","message":"…"}}.
func fail(w http.ResponseWriter, status int, code, msg string) {
	reply(w, status, map[string]any{"status": "error", "error": map[string]string{"code": code, "message": msg}})
}

func reply(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// same compares credentials in constant time.
func same(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
