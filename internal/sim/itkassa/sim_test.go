package itkassa

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

type client struct {
	t   *testing.T
	srv *httptest.Server
}

func start(t *testing.T) (*Sim, *client) {
	s := New()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, &client{t, srv}
}

func (c *client) do(method, path, body string, headers map[string]string) (int, gjson.Result) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.srv.URL+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	req.Header.Set("X-API-Key", APIKey)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !gjson.ValidBytes(b) {
		c.t.Fatalf("not JSON: %s", b)
	}
	return resp.StatusCode, gjson.ParseBytes(b)
}

func receiptBody(t *testing.T) string {
	b, err := json.Marshal(validReceipt())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSettings(t *testing.T) {
	s := New()
	m := s.Settings("http://127.0.0.1:9/")
	if m["url"] != "http://127.0.0.1:9/open/api/v1" || m["api_key"] != APIKey || m["cre_item_id"] != CreItemID || m["callback_api_key"] != CallbackKey {
		t.Fatal(m)
	}
}

func TestPrintQueuedThenDone(t *testing.T) {
	s, c := start(t)
	st, a := c.do("POST", "/open/api/v1/print-documents", receiptBody(t), nil)
	o := a.Get("object")
	if st != 200 || a.Get("code").Int() != 0 || o.Get("id").Str == "" || o.Get("resultItem").Type != gjson.Null ||
		o.Get("idempKey").Str != "e587cc20-c627-592c-a9bc-d1fdc9c18666" || o.Get("type").Str != "sale" {
		t.Fatalf("%d %s", st, a.Raw)
	}
	if len(s.Accepted()) != 1 || s.Printed() != 0 {
		t.Fatal("accepted but not yet printed")
	}
	st, d := c.do("GET", "/open/api/v1/print-documents/e587cc20-c627-592c-a9bc-d1fdc9c18666/idempotent", "", nil)
	do := d.Get("object")
	if st != 200 || do.Get("id").Str != o.Get("id").Str || do.Get("resultItem.result").Str != "success" ||
		do.Get("checkNumber").Str != "1" || do.Get("fsNumber").Str != FSNumber || do.Get("checkSign").Str == "" {
		t.Fatalf("%s", d.Raw)
	}
	qr := do.Get("checkUrl").Str
	if !strings.Contains(qr, "s=156.92") || !strings.Contains(qr, "&i=1&") || !strings.HasSuffix(qr, "&n=1") {
		t.Fatal(qr)
	}
	// reading again does not print again
	_, d2 := c.do("GET", "/open/api/v1/print-documents/E587CC20-C627-592C-A9BC-D1FDC9C18666/idempotent", "", nil)
	if d2.Get("object.checkNumber").Str != "1" || s.Printed() != 1 {
		t.Fatal(d2.Raw)
	}
}

func TestIdempotency(t *testing.T) {
	s, c := start(t)
	_, a := c.do("POST", "/open/api/v1/print-documents", receiptBody(t), nil)
	m := validReceipt()
	cmd0(m)["amountCash"], cmd0(m)["amountElectronic"] = "156.92", "0.00" // another body, same key
	b, _ := json.Marshal(m)
	st, a2 := c.do("POST", "/open/api/v1/print-documents", string(b), nil)
	if st != 200 || a2.Get("object.id").Str != a.Get("object.id").Str {
		t.Fatalf("%s", a2.Raw)
	}
	if s.Duplicates() != 1 || len(s.Accepted()) != 1 {
		t.Fatalf("duplicates %d accepted %d", s.Duplicates(), len(s.Accepted()))
	}
	c.do("GET", "/open/api/v1/print-documents/e587cc20-c627-592c-a9bc-d1fdc9c18666/idempotent", "", nil)
	c.do("POST", "/open/api/v1/print-documents", receiptBody(t), nil)
	if s.Printed() != 1 || s.Duplicates() != 2 {
		t.Fatal("a resent document printed twice")
	}
	// another key is another document
	m = validReceipt()
	m["idempKey"] = "0e20e821-6031-55f3-8fad-f58ffc8e2734"
	b, _ = json.Marshal(m)
	_, a3 := c.do("POST", "/open/api/v1/print-documents", string(b), nil)
	if a3.Get("object.id").Str == a.Get("object.id").Str || len(s.Accepted()) != 2 {
		t.Fatal("distinct keys share a document")
	}
}

func TestRejects(t *testing.T) {
	s, c := start(t)
	m := validReceipt()
	line(m, 1)["total"] = "15.01"
	cmd0(m)["tax"] = "x"
	b, _ := json.Marshal(m)
	st, a := c.do("POST", "/open/api/v1/print-documents", string(b), nil)
	if st != 400 || a.Get("result").Str != "critical_error" || !strings.Contains(a.Get("result_description").Str, "lines[1].total") ||
		!strings.Contains(a.Get("result_description").Str, "commands[0].tax: undocumented") {
		t.Fatalf("%d %s", st, a.Raw)
	}
	m = validReceipt()
	m["creItemId"] = "00000000-0000-0000-0000-000000000000"
	b, _ = json.Marshal(m)
	if st, a := c.do("POST", "/open/api/v1/print-documents", string(b), nil); st != 400 || !strings.Contains(a.Get("result_description").Str, "unknown cashbox") {
		t.Fatalf("%d %s", st, a.Raw)
	}
	if st, _ := c.do("POST", "/open/api/v1/print-documents", "{", nil); st != 400 {
		t.Fatal(st)
	}
	if len(s.Accepted()) != 0 {
		t.Fatal("a rejected document was accepted")
	}
	for name, tc := range map[string]struct {
		method, path string
		headers      map[string]string
		status       int
	}{
		"key":          {"POST", "/open/api/v1/print-documents", map[string]string{"X-API-Key": "wrong"}, 401},
		"content-type": {"POST", "/open/api/v1/print-documents", map[string]string{"Content-Type": "text/plain"}, 415},
		"charset":      {"POST", "/open/api/v1/print-documents", map[string]string{"Content-Type": "application/json"}, 415},
		"method":       {"GET", "/open/api/v1/print-documents", nil, 405},
		"path":         {"POST", "/api/v1/print-documents", nil, 404},
		"unknown":      {"GET", "/open/api/v1/print-documents/e587cc20-c627-592c-a9bc-d1fdc9c18666/idempotent", nil, 404},
		"list slash":   {"GET", "/open/api/v1/cre/items", nil, 404},
	} {
		if st, _ := c.do(tc.method, tc.path, receiptBody(t), tc.headers); st != tc.status {
			t.Errorf("%s: %d, want %d", name, st, tc.status)
		}
	}
}

func TestDeviceErrors(t *testing.T) {
	s, c := start(t)
	open := `{"creItemId":"` + CreItemID + `","idempKey":"%s","commands":[{"type":"openSession","isPrintable":false}]}`
	c.do("POST", "/open/api/v1/print-documents", strings.Replace(open, "%s", "11111111-1111-5111-8111-111111111111", 1), nil)
	c.do("POST", "/open/api/v1/print-documents", strings.Replace(open, "%s", "22222222-2222-5222-8222-222222222222", 1), nil)
	_, a := c.do("GET", "/open/api/v1/print-documents/11111111-1111-5111-8111-111111111111/idempotent", "", nil)
	if a.Get("object.resultItem.result").Str != "success" {
		t.Fatal(a.Raw)
	}
	_, a = c.do("GET", "/open/api/v1/print-documents/22222222-2222-5222-8222-222222222222/idempotent", "", nil)
	o := a.Get("object")
	if o.Get("result").Str != "critical_error" || o.Get("lastErrorId").Int() != 83 || o.Get("resultItem.creErrorId").Str != "83" || o.Get("sessionState").Str != "opened" {
		t.Fatal(a.Raw)
	}
	s.FailNext(255, "нет связи с ККМ")
	c.do("POST", "/open/api/v1/print-documents", receiptBody(t), nil)
	_, a = c.do("GET", "/open/api/v1/print-documents/e587cc20-c627-592c-a9bc-d1fdc9c18666/idempotent", "", nil)
	if a.Get("object.lastErrorId").Int() != 255 || a.Get("object.resultItem.result").Str != "critical_error" {
		t.Fatal(a.Raw)
	}
	if s.Printed() != 1 {
		t.Fatal(s.Printed())
	}
}

func TestCashboxList(t *testing.T) {
	_, c := start(t)
	st, a := c.do("GET", "/open/api/v1/cre/items/", "", nil)
	if st != 200 || a.Get("code").Int() != 0 || a.Get("list.#").Int() != 2 || a.Get("list.0.id").Str != CreItemID || a.Get("list.0.state.sessionState").Str != "closed" {
		t.Fatal(a.Raw)
	}
}

func TestCallbackSettingsAndCallback(t *testing.T) {
	s, c := start(t)
	if _, _, ok := s.Callback("e587cc20-c627-592c-a9bc-d1fdc9c18666"); ok {
		t.Fatal("callback of an unknown document")
	}
	c.do("POST", "/open/api/v1/print-documents", receiptBody(t), nil)
	h, body, ok := s.Callback("e587cc20-c627-592c-a9bc-d1fdc9c18666")
	if !ok || h["X-API-Key"] != CallbackKey || gjson.GetBytes(body, "resultItem.result").Str != "success" || gjson.GetBytes(body, "object").Exists() {
		t.Fatalf("%v %s", h, body)
	}
	st, a := c.do("POST", "/open/api/v1/organization/settings", `{"callbackApiKey":"newkey42","errorEmail":"error@email.tt","testUrl":"https://callback.domain.tt/test.php","printResultUrl":"https://callback.domain.tt/print-result.php"}`, nil)
	if st != 200 || a.Get("code").Int() != 0 {
		t.Fatal(st, a.Raw)
	}
	if h, _, _ := s.Callback("e587cc20-c627-592c-a9bc-d1fdc9c18666"); h["X-API-Key"] != "newkey42" {
		t.Fatal(h)
	}
	for _, bad := range []string{`{"callbackApiKey":"New-Key","printResultUrl":"https://x.tt/"}`, `{"callbackApiKey":"k","printResultUrl":"x.tt"}`,
		`{"callbackApiKey":"k","printResultUrl":"https://x.tt/","foo":1}`, `{"callbackApiKey":"k","printResultUrl":"https://x.tt/","errorEmail":"x"}`, `[]`} {
		if st, _ := c.do("POST", "/open/api/v1/organization/settings", bad, nil); st != 400 {
			t.Errorf("%s: %d", bad, st)
		}
	}
}

func TestSlipAndCashDocuments(t *testing.T) {
	s, c := start(t)
	for _, body := range []string{
		`{"creItemId":"` + CreItemID + `","commands":[{"type":"startSlip"},{"type":"print","text":"x"},{"type":"endSlip"}]}`,
		`{"creItemId":"` + CreItemID + `","commands":[{"type":"cashIn","amountCash":500.52}]}`,
	} {
		if st, a := c.do("POST", "/open/api/v1/print-documents", body, nil); st != 200 || a.Get("object.resultItem").Type != gjson.Null {
			t.Fatalf("%d %s", st, a.Raw)
		}
	}
	if len(s.Accepted()) != 2 {
		t.Fatal(len(s.Accepted()))
	}
}
