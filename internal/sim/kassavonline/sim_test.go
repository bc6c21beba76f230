package kassavonline

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	kv "github.com/kopeck/kopeck/plugin/provider/kassavonline"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

const simReceipt = `{"kkm_serial_number":"` + SimSerial + `","kkm_connection_key":"` + SimConnKey + `","receipt":{
 "ffd":"1.05","type":"cash_in","is_electronic":1,"cashier":"","cashier_inn":"","client_tel":"","client_email":"a@b.ru",
 "items":[{"title":"Чай","price":70.95,"quantity":2,"tax_type_name":"VAT20","payment_type":4,"payment_subject":1,"agent_type":"NONE",
  "suplier_name":"","suplier_inn":"","suplier_phone":""}],
 "payments":[{"type":"cash","amount":100},{"type":"electronically","amount":41.90}]}}`

func post(t *testing.T, srv *httptest.Server, path string, form url.Values) (int, gjson.Result) {
	t.Helper()
	resp, err := http.Post(srv.URL+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	return answer(t, resp)
}

func answer(t *testing.T, resp *http.Response) (int, gjson.Result) {
	t.Helper()
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !gjson.ValidBytes(b) {
		t.Fatalf("not JSON: %s", b)
	}
	return resp.StatusCode, gjson.ParseBytes(b)
}

func form(params string) url.Values {
	return url.Values{"params": {params}, "user": {SimUser}, "key": {SimKey}}
}

func TestSimPrintStatusInfo(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	st, a := post(t, srv, "/api/print", form(simReceipt))
	if st != 200 || a.Get("status").Str != "success" || a.Get("receipt_id").Int() != 24533 {
		t.Fatalf("%d %s", st, a.Raw)
	}
	if got := s.Accepted(); len(got) != 1 || string(got[0]) != simReceipt {
		t.Fatalf("accepted %s", got)
	}
	st, a = post(t, srv, "/api/status", form(`{"receipt_id":24533,"session_info":0}`))
	if st != 200 || a.Get("receipt_status").Str != "queued" {
		t.Fatalf("%d %s", st, a.Raw)
	}
	st, a = post(t, srv, "/api/status", form(`{"receipt_id":24533,"session_info":1}`))
	if st != 200 || a.Get("receipt_status").Str != "printed" || a.Get("total").Str != "141.90" ||
		a.Get("fn_number").Str != SimFN || a.Get("fiscal_document_number").Str != "1" || a.Get("session.number").Int() != 1 || !a.Get("session.open").Bool() {
		t.Fatalf("%d %s", st, a.Raw)
	}
	st, a = post(t, srv, "/api/info", form(`{"receipt_id":24533}`))
	if st != 200 || a.Get("receipt.items.0.title").Str != "Чай" || a.Get("receipt_status").Str != "printed" {
		t.Fatalf("%d %s", st, a.Raw)
	}
	for _, c := range []struct{ path, params string }{
		{"/api/status", `{"receipt_id":1,"session_info":0}`},
		{"/api/info", `{"receipt_id":99999}`},
	} {
		if st, a = post(t, srv, c.path, form(c.params)); st != 404 || a.Get("error.code").Str != "not_found" {
			t.Errorf("%s: %d %s", c.params, st, a.Raw)
		}
	}
	for _, c := range []struct{ path, params string }{
		{"/api/status", `{"receipt_id":24533}`},
		{"/api/status", `{"receipt_id":24533,"session_info":true}`},
		{"/api/status", `{"receipt_id":"24533","session_info":0}`},
		{"/api/info", `{"receipt_id":24533,"session_info":0}`},
		{"/api/info", `{"receipt_id":0}`},
	} {
		if st, a = post(t, srv, c.path, form(c.params)); st != 400 || a.Get("error.code").Str != "invalid_params" {
			t.Errorf("%s %s: %d %s", c.path, c.params, st, a.Raw)
		}
	}
}

func TestSimReportsAndShift(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	rep := func(typ string) string {
		return `{"kkm_serial_number":"` + SimSerial + `","kkm_connection_key":"` + SimConnKey + `","receipt":{"type":"` + typ + `"}}`
	}
	for _, p := range []string{simReceipt, rep("x-report"), rep("z-report"), simReceipt} {
		if st, a := post(t, srv, "/api/print", form(p)); st != 200 {
			t.Fatalf("%d %s", st, a.Raw)
		}
	}
	// the last receipt is in shift 2, first of its shift
	post(t, srv, "/api/status", form(`{"receipt_id":24536,"session_info":0}`))
	_, a := post(t, srv, "/api/status", form(`{"receipt_id":24536,"session_info":0}`))
	if a.Get("shift_number").Str != "2" || a.Get("receipt_number").Str != "1" {
		t.Fatal(a.Raw)
	}
	if len(s.Accepted()) != 4 {
		t.Fatal(len(s.Accepted()))
	}
}

func TestSimRejects(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	bad := func(name string, st int, code string, resp *http.Response) {
		t.Helper()
		got, a := answer(t, resp)
		if got != st || a.Get("status").Str != "error" || a.Get("error.code").Str != code || a.Get("error.message").Str == "" {
			t.Errorf("%s: %d %s", name, got, a.Raw)
		}
	}
	do := func(method, path, ct, body string) *http.Response {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	urlenc := "application/x-www-form-urlencoded"
	ok := form(simReceipt).Encode()
	bad("GET", 405, "method_not_allowed", do("GET", "/api/print", "", ""))
	bad("path", 404, "unknown_method", do("POST", "/api/send", urlenc, ok))
	bad("path2", 404, "unknown_method", do("POST", "/print", urlenc, ok))
	bad("json body", 400, "invalid_request", do("POST", "/api/print", "application/json", simReceipt))
	bad("no type", 400, "invalid_request", do("POST", "/api/print", "", ok))
	for _, f := range []string{"params", "user", "key"} {
		v := form(simReceipt)
		v.Del(f)
		bad("missing "+f, 400, "invalid_request", do("POST", "/api/print", urlenc, v.Encode()))
	}
	v := form(simReceipt)
	v.Set("extra", "1")
	bad("extra field", 400, "invalid_request", do("POST", "/api/print", urlenc, v.Encode()))
	v = form(simReceipt)
	v.Add("user", SimUser)
	bad("twice", 400, "invalid_request", do("POST", "/api/print", urlenc, v.Encode()))
	// params in the query string do not count
	bad("query", 400, "invalid_request", do("POST", "/api/print?"+url.Values{"params": {simReceipt}}.Encode(), urlenc,
		url.Values{"user": {SimUser}, "key": {SimKey}}.Encode()))
	v = form(simReceipt)
	v.Set("key", "wrong")
	bad("wrong key", 401, "auth_failed", do("POST", "/api/print", urlenc, v.Encode()))
	v = form(simReceipt)
	v.Set("user", "other")
	bad("wrong user", 401, "auth_failed", do("POST", "/api/status", urlenc, v.Encode()))
	bad("params not JSON", 400, "invalid_params", do("POST", "/api/print", urlenc, form(`{"receipt"`).Encode()))
	bad("wrong kkm key", 403, "kkm_auth_failed", do("POST", "/api/print", urlenc,
		form(strings.Replace(simReceipt, SimConnKey, "other", 1)).Encode()))
	bad("wrong serial", 403, "kkm_auth_failed", do("POST", "/api/print", urlenc,
		form(strings.Replace(simReceipt, SimSerial, "00000000000002", 1)).Encode()))
	// Check violations: wrong sum, wrong enum
	resp := do("POST", "/api/print", urlenc, form(strings.Replace(simReceipt, `"amount":41.90`, `"amount":41.91`, 1)).Encode())
	_, a := answer(t, resp)
	if a.Get("error.code").Str != "invalid_params" || !strings.Contains(a.Get("error.message").Str, "add up to 141.91") {
		t.Error(a.Raw)
	}
	bad("wrong vat", 400, "invalid_params", do("POST", "/api/print", urlenc, form(strings.Replace(simReceipt, `"VAT20"`, `"VAT22"`, 1)).Encode()))
	if n := len(s.Accepted()); n != 0 {
		t.Fatalf("%d rejected requests were accepted", n)
	}
}

// The PHP example's curl sends multipart/form-data: accepted too.
func TestSimMultipart(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range map[string]string{"params": simReceipt, "user": SimUser, "key": SimKey} {
		_ = w.WriteField(k, v)
	}
	_ = w.Close()
	resp, err := http.Post(srv.URL+"/api/print", w.FormDataContentType(), &b)
	if err != nil {
		t.Fatal(err)
	}
	if st, a := answer(t, resp); st != 200 || a.Get("receipt_id").Int() != 24533 {
		t.Fatalf("%d %s", st, a.Raw)
	}
}

// kopeck's own provider against the simulator: build, send, parse, poll.
func TestSimWithProvider(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	cfg, _ := json.Marshal(s.Settings(srv.URL + "/"))
	o := provider.Options{Test: true, Config: cfg, ConfigPath: "settings.kassavonline"}
	r := &receipt.Receipt{Kind: receipt.KindSale, Deliver: receipt.DeliverEmail, Total: 14190,
		Customer: receipt.Customer{Email: "a@b.ru"},
		Lines: []receipt.Line{{Name: "Чай", Price: 7095, Quantity: 2000, Total: 14190, VAT: receipt.VAT20,
			PaymentMethod: receipt.FullPayment, Subject: receipt.Commodity, Path: "order.items[0]"}},
		Payments: []receipt.Payment{{Type: receipt.Electronic, Amount: 14190}}}
	p := kv.New()
	b, probs := p.Build(r, o)
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	send := func(req provider.Request, forWhat string) provider.Result {
		h, _ := http.NewRequest(req.Method, req.URL, strings.NewReader(req.Body))
		for k, v := range req.Headers {
			h.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(h)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		res, _ := p.Parse(provider.Response{Status: resp.StatusCode, Body: string(body), For: forWhat}, o)
		return res
	}
	res := send(b.Request, "build")
	if res.State != provider.StateQueued || res.ID != "24533" {
		t.Fatalf("%+v", res)
	}
	if got := s.Accepted(); len(got) != 1 || string(got[0]) != string(b.Payload) {
		t.Fatal("the simulator must have accepted exactly the payload")
	}
	status := func() provider.Result {
		req, probs := p.Command(provider.Command{Type: provider.CmdStatus, Params: []byte(`{"id":"` + res.ID + `","session_info":true}`)}, o)
		if len(probs) != 0 {
			t.Fatal(probs)
		}
		return send(req, provider.CmdStatus)
	}
	if st := status(); st.State != provider.StateQueued {
		t.Fatalf("%+v", st)
	}
	st := status()
	if st.State != provider.StateDone || st.Fiscal == nil || st.Fiscal.FNNumber != SimFN || st.Fiscal.Total != "141.90" || st.Raw["session"] == "" {
		t.Fatalf("%+v %+v", st, st.Fiscal)
	}
	req, _ := p.Command(provider.Command{Type: provider.CmdInfo, Params: []byte(`{"receipt_id":24533}`)}, o)
	if inf := send(req, provider.CmdInfo); inf.State != provider.StateDone || inf.ID != "24533" {
		t.Fatalf("%+v", inf)
	}
	req, _ = p.Command(provider.Command{Type: provider.CmdCloseShift}, o)
	if z := send(req, provider.CmdCloseShift); z.State != provider.StateQueued || z.ID != "24534" {
		t.Fatalf("%+v", z)
	}
	// An error answer of the simulator parses as failed with its code.
	o2 := o
	bad := s.Settings(srv.URL)
	bad["key"] = "wrong"
	o2.Config, _ = json.Marshal(bad)
	b, _ = p.Build(r, o2)
	if e := send(b.Request, "build"); e.State != provider.StateFailed || e.Retryable || e.Error.Code != "auth_failed" {
		t.Fatalf("%+v", e)
	}
}
