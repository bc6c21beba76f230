// Package itkassa is a strict local stand-in for the ITKassa OpenAPI
// (/work/shared/providers/itkassa-openapi.md), used by tests and by
// `kopeck sandbox`. It enforces the documented rules (Check), the headers,
// the API key, known cashboxes and idempotency, and answers with the
// documented shapes:
//
//	POST {base}/open/api/v1/print-documents               queued: {"code":0,"object":{…,"resultItem":null}}
//	GET  {base}/open/api/v1/print-documents/<key>/idempotent   the document, executed: resultItem with
//	                                                      result "success" or "critical_error"
//	GET  {base}/open/api/v1/cre/items/                    the cashbox list
//	POST {base}/open/api/v1/organization/settings         callback settings: {"code":0}
//
// A document is executed ("printed") the first time it is read back or its
// callback is taken (Callback); until then it is queued. A second document
// with a known idempKey is not printed again: the answer is the first
// document (Duplicates counts them). Rejected documents get HTTP 400 with
// the error shape of the document (result "critical_error",
// result_description listing every violation); a wrong or missing API key
// HTTP 401; wrong headers HTTP 415. openSession on an open shift fails with
// lastErrorId 83 as in the document's example; receipts open the shift
// (the service opens shifts automatically). The simulator uses no clock:
// its times are fixed and advance by a minute per document.
package itkassa

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kopeck/kopeck/internal/jsonout"
	"github.com/tidwall/gjson"
)

// Fixed identities of the simulated account.
const (
	APIKey         = "simitkassaapikey0000000000000001"
	CreItemID      = "89189775-e4fc-70d0-5e2c-182e4121308e"
	OtherCreItemID = "9366f6f6-cba1-7826-5d9f-59c176822a6c"
	CallbackKey    = "simcallbackkey0001"
	OrganizationID = "a6ca9ac2-8c7d-4071-b9ce-4e0aefbbba6c"
	FSNumber       = "9999078900006849"
	// Prefix is the API path, as in {API_PATH}.
	Prefix = "/open/api/v1"
)

var epoch = time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC)

// Sim is the simulated ITKassa service. It is safe for concurrent use.
type Sim struct {
	mu          sync.Mutex
	apiKey      string
	callbackKey string
	callbackURL string
	docs        map[string]*doc // by idempKey
	order       []*doc
	accepted    []json.RawMessage
	duplicates  int
	checks      int // the last check number
	session     int
	open        bool
	failNext    *deviceError
}

type deviceError struct {
	id  int
	msg string
}

type doc struct {
	id, key, cre, typ string
	payload           json.RawMessage
	seq               int
	executed          bool
	fail              *deviceError
	number            int
	session           int
}

// New returns a simulator with the fixed keys above.
func New() *Sim {
	return &Sim{apiKey: APIKey, callbackKey: CallbackKey, docs: map[string]*doc{}}
}

// Settings returns the settings section "itkassa" that points kopeck at
// this simulator served at baseURL.
func (s *Sim) Settings(baseURL string) map[string]any {
	return map[string]any{
		"url":              strings.TrimRight(baseURL, "/") + Prefix,
		"api_key":          s.apiKey,
		"cre_item_id":      CreItemID,
		"callback_api_key": s.callbackKey,
	}
}

// Accepted returns the print-documents bodies accepted so far, in order
// (duplicates by idempKey are not repeated).
func (s *Sim) Accepted() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]json.RawMessage, len(s.accepted))
	copy(out, s.accepted)
	return out
}

// Duplicates returns how many documents came again with a known idempKey
// (and were not printed again).
func (s *Sim) Duplicates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.duplicates
}

// Printed returns how many documents were executed successfully.
func (s *Sim) Printed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, d := range s.order {
		if d.executed && d.fail == nil {
			n++
		}
	}
	return n
}

// FailNext makes the next document executed fail on the device with
// lastErrorId id (255 is "no connection with the KKM").
func (s *Sim) FailNext(id int, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = &deviceError{id, message}
}

// Callback executes the document with idempotency key key and returns the
// callback ITKassa would send: its headers (X-API-Key is the configured
// callback key) and body (the document object itself).
func (s *Sim) Callback(key string) (map[string]string, []byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[strings.ToLower(key)]
	if !ok {
		return nil, nil, false
	}
	s.execute(d)
	body, _ := json.Marshal(s.object(d))
	return map[string]string{
		"X-API-Key": s.callbackKey, "X-Organization-Id": OrganizationID,
		"content-type": "application/json", "accept": "application/json",
	}, body, true
}

// ServeHTTP answers like the ITKassa API.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := r.URL.Path
	if !strings.HasPrefix(path, Prefix+"/") {
		s.reply(w, http.StatusNotFound, map[string]any{"code": 404, "message": "not found"})
		return
	}
	path = strings.TrimPrefix(path, Prefix)
	if r.Header.Get("X-API-Key") != s.apiKey {
		s.reply(w, http.StatusUnauthorized, map[string]any{"code": 401, "message": "invalid X-API-Key"})
		return
	}
	if ct := strings.ToLower(strings.ReplaceAll(r.Header.Get("Content-Type"), " ", "")); ct != "application/json;charset=utf-8" {
		s.reply(w, http.StatusUnsupportedMediaType, map[string]any{"code": 415, "message": "Content-Type must be application/json;charset=UTF-8"})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		s.reply(w, http.StatusBadRequest, map[string]any{"code": 400, "message": "unreadable body"})
		return
	}
	switch {
	case path == "/print-documents":
		if s.method(w, r, "POST") {
			s.print(w, body)
		}
	case strings.HasPrefix(path, "/print-documents/") && strings.HasSuffix(path, "/idempotent"):
		if s.method(w, r, "GET") {
			key := strings.TrimSuffix(strings.TrimPrefix(path, "/print-documents/"), "/idempotent")
			d, ok := s.docs[strings.ToLower(key)]
			if !ok {
				s.reply(w, http.StatusNotFound, map[string]any{"code": 404, "message": "document not found"})
				return
			}
			s.execute(d)
			s.reply(w, http.StatusOK, map[string]any{"code": 0, "object": s.object(d)})
		}
	case path == "/cre/items/":
		if s.method(w, r, "GET") {
			s.reply(w, http.StatusOK, map[string]any{"code": 0, "list": []any{cashbox(CreItemID, s.session, s.open), cashbox(OtherCreItemID, 0, false)}})
		}
	case path == "/organization/settings":
		if s.method(w, r, "POST") {
			s.settings(w, body)
		}
	default:
		s.reply(w, http.StatusNotFound, map[string]any{"code": 404, "message": "not found"})
	}
}

func (s *Sim) method(w http.ResponseWriter, r *http.Request, m string) bool {
	if r.Method != m {
		s.reply(w, http.StatusMethodNotAllowed, map[string]any{"code": 405, "message": "method must be " + m})
		return false
	}
	return true
}

// reply answers with v as JSON (no HTML escaping) and a trailing newline.
func (s *Sim) reply(w http.ResponseWriter, status int, v any) {
	b, err := jsonout.Marshal(v)
	if err == nil {
		b = append(b, '\n')
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// reject answers with the document's error shape.
func (s *Sim) reject(w http.ResponseWriter, cre string, problems []string) {
	s.reply(w, http.StatusBadRequest, map[string]any{
		"creItemId":          cre,
		"id":                 "",
		"result":             "critical_error",
		"result_description": strings.Join(problems, "; "),
		"sessionNumber":      strconv.Itoa(s.session),
		"sessionState":       state(s.open),
		"updatedAt":          stamp(epoch),
	})
}

func (s *Sim) print(w http.ResponseWriter, body []byte) {
	problems := Check(body)
	cre := gjson.GetBytes(body, "creItemId").String()
	if len(problems) == 0 && cre != CreItemID && cre != OtherCreItemID {
		problems = append(problems, "creItemId: unknown cashbox")
	}
	if len(problems) > 0 {
		s.reject(w, cre, problems)
		return
	}
	key := strings.ToLower(gjson.GetBytes(body, "idempKey").String())
	if d, ok := s.docs[key]; ok && key != "" {
		// "Если сервер уже принял задание с Ключем1, то второе задание с
		// этим ключом будет проигнорировано."
		s.duplicates++
		s.reply(w, http.StatusOK, map[string]any{"code": 0, "object": s.object(d)})
		return
	}
	d := &doc{seq: len(s.order) + 1, key: key, cre: cre, payload: append(json.RawMessage(nil), body...)}
	d.id = pseudoUUID("document", strconv.Itoa(d.seq))
	d.typ = gjson.GetBytes(body, "commands.0.type").String()
	if d.typ == "startSlip" {
		d.typ = "slip"
	}
	if key == "" {
		key = "no-key-" + d.id
		d.key = ""
	}
	s.docs[key] = d
	s.order = append(s.order, d)
	s.accepted = append(s.accepted, d.payload)
	s.reply(w, http.StatusOK, map[string]any{"code": 0, "object": s.object(d)})
}

// execute runs a document on the simulated cashbox once.
func (s *Sim) execute(d *doc) {
	if d.executed {
		return
	}
	d.executed = true
	if s.failNext != nil {
		d.fail, s.failNext = s.failNext, nil
		return
	}
	switch d.typ {
	case "openSession":
		if s.open {
			d.fail = &deviceError{83, "[ OpenSession.Report ] Смена открыта, операция невозможна"}
			return
		}
		s.session++
		s.open = true
	case "closeSession":
		if !s.open {
			d.fail = &deviceError{80, "[ CloseSession.Report ] Смена закрыта, операция невозможна"}
			return
		}
		s.open = false
	case "sale", "returnSale", "buy", "returnBuy", "correction", "cashIn", "cashOut":
		if !s.open {
			s.session++
			s.open = true
		}
	}
	s.checks++
	d.number = s.checks
	d.session = s.session
}

var titles = map[string]string{
	"sale": "ФД Приход", "returnSale": "ФД Возврат прихода", "buy": "ФД Расход", "returnBuy": "ФД Возврат расхода",
	"openSession": "ФД Открытие смены", "closeSession": "ФД Закрытие смены", "xReport": "НФД X-отчёт",
	"cashIn": "НФД Внесение", "cashOut": "НФД Выплата", "correction": "ФД Чек коррекции", "slip": "НФД Текст",
}

// object renders the document as the API shows it: queued, done or failed.
func (s *Sim) object(d *doc) map[string]any {
	cmds := gjson.GetBytes(d.payload, "commands")
	created := epoch.Add(time.Duration(d.seq) * time.Minute)
	fiscal := d.typ != "xReport" && d.typ != "slip" && d.typ != "cashIn" && d.typ != "cashOut"
	var key any
	if d.key != "" {
		key = d.key
	}
	o := map[string]any{
		"id": d.id, "idempKey": key, "title": titles[d.typ], "type": d.typ, "isFiscal": fiscal,
		"commands":      json.RawMessage(cmds.Raw),
		"sessionNumber": nil, "checkNumber": nil, "fsNumber": nil, "checkDate": nil, "checkUrl": nil, "checkUrlOfd": nil,
		"createdAt": stamp(created), "updatedAt": stamp(created), "organizationId": OrganizationID,
		"creItemId": d.cre, "createdById": pseudoUUID("user", "1"), "registryId": nil, "resultItem": nil,
	}
	if !d.executed {
		o["queueItem"] = map[string]any{"id": d.seq, "status": "new"}
		return o
	}
	printed := created.Add(10 * time.Second)
	o["queueItem"] = nil
	o["updatedAt"] = stamp(printed)
	item := map[string]any{
		"id": pseudoUUID("result", d.id), "queueItemId": d.seq, "commands": cmds.Raw,
		"printedAt": stamp(printed), "createdAt": stamp(printed), "updatedAt": stamp(printed), "printDocumentId": d.id,
	}
	if d.fail != nil {
		item["creErrorId"] = strconv.Itoa(d.fail.id)
		item["creErrorText"] = d.fail.msg
		item["result"] = "critical_error"
		o["lastErrorId"] = d.fail.id
		o["lastErrorMessage"] = d.fail.msg
		o["result"] = "critical_error"
		o["result_description"] = "Задание выполнено на ККТ"
		o["sessionNumber"] = strconv.Itoa(s.session)
		o["sessionState"] = state(s.open)
		o["resultItem"] = item
		return o
	}
	item["creErrorId"] = "0"
	item["creErrorText"] = "[ " + d.typ + " ] Ошибок нет"
	item["result"] = "success"
	fp := pseudoDigits(d.id, 10)
	total, n := "0.00", "0"
	if sign, ok := map[string]string{"sale": "1", "returnSale": "2", "buy": "3", "returnBuy": "4"}[d.typ]; ok {
		total, n = qrTotal(cmds.Array()[0]), sign
	}
	o["sessionNumber"] = strconv.Itoa(d.session)
	o["checkNumber"] = strconv.Itoa(d.number)
	o["fsNumber"] = FSNumber
	o["checkDate"] = printed.Format("2006-01-02 15:04:05")
	o["checkSign"] = fp
	o["checkUrl"] = fmt.Sprintf("t=%s&s=%s&fn=%s&i=%d&fp=%s&n=%s", printed.Format("20060102T1504"), total, FSNumber, d.number, fp, n)
	o["checkUrlOfd"] = "https://check.ofd.example/?" + url.Values{"fn": {FSNumber}, "i": {strconv.Itoa(d.number)}, "fp": {fp}}.Encode()
	o["sessionState"] = state(s.open)
	o["resultItem"] = item
	return o
}

func (s *Sim) settings(w http.ResponseWriter, body []byte) {
	var problems []string
	o := gjson.ParseBytes(body)
	if !gjson.ValidBytes(body) || !o.IsObject() {
		s.reply(w, http.StatusBadRequest, map[string]any{"code": 400, "message": "body: not a JSON object"})
		return
	}
	o.ForEach(func(k, _ gjson.Result) bool {
		switch k.Str {
		case "callbackApiKey", "errorEmail", "testUrl", "printResultUrl":
		default:
			problems = append(problems, k.Str+": undocumented field")
		}
		return true
	})
	key := o.Get("callbackApiKey").String()
	if !validCallbackKey(key) {
		problems = append(problems, "callbackApiKey: 1 to 36 characters 0-9, a-z")
	}
	for _, f := range []string{"testUrl", "printResultUrl"} {
		v := o.Get(f)
		if !v.Exists() && f == "testUrl" {
			continue
		}
		if u, err := url.Parse(v.String()); v.Type != gjson.String || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			problems = append(problems, f+": not an absolute http(s) URL")
		}
	}
	if e := o.Get("errorEmail"); e.Exists() && !isEmail(e.String()) {
		problems = append(problems, "errorEmail: not an email")
	}
	if len(problems) > 0 {
		s.reply(w, http.StatusBadRequest, map[string]any{"code": 400, "message": strings.Join(problems, "; ")})
		return
	}
	s.callbackKey = key
	s.callbackURL = o.Get("printResultUrl").String()
	s.reply(w, http.StatusOK, map[string]any{"code": 0})
}

func validCallbackKey(k string) bool {
	if len(k) == 0 || len(k) > 36 {
		return false
	}
	for _, r := range k {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

func cashbox(id string, session int, open bool) map[string]any {
	return map[string]any{
		"id": id, "title": "АТОЛ SN:00106201961044 ИНН:", "productNumber": "00106201961044", "location": nil,
		"fiscalizationNumber": "000000001047487", "fsNumber": FSNumber, "defaultPpr": nil, "defaultPsr": nil,
		"defaultSno": nil, "defaultTax": nil, "noCashier": true,
		"state": map[string]any{"id": pseudoUUID("state", id), "isOnline": 1, "lastErrorId": "0", "lastErrorText": "Ошибок нет",
			"sessionNumber": strconv.Itoa(session), "sessionState": state(open), "creItemId": id},
		"nodeStatus": "ready", "status": "active", "isFiscalized": true, "isPrintable": true,
	}
}

func state(open bool) string {
	if open {
		return "opened"
	}
	return "closed"
}

func stamp(t time.Time) string { return t.Format("2006-01-02T15:04:05+00:00") }

// pseudoUUID gives stable ids in the GUID shape.
func pseudoUUID(parts ...string) string {
	h := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	x := hex.EncodeToString(h[:16])
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

func pseudoDigits(seed string, n int) string {
	h := sha1.Sum([]byte(seed))
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteByte('0' + h[i%len(h)]%10)
	}
	return b.String()
}
