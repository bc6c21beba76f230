package kassavonline

import (
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
)

func parse(st int, body, forWhat string) (provider.Result, int) {
	r, p := New().Parse(provider.Response{Status: st, Body: body, For: forWhat}, provider.Options{})
	return r, len(p)
}

func TestParseTable(t *testing.T) {
	for _, c := range []struct {
		name       string
		st         int
		body, for_ string
		state      string
		retry      bool
		id, code   string
	}{
		{"accepted", 200, `{"status":"success","receipt_id":24533}`, "build", "queued", false, "24533", ""},
		{"accepted id string", 200, `{"id":"77"}`, "build", "queued", false, "77", ""},
		{"nested data", 200, `{"result":"ok","data":{"receipt_id":5}}`, "build", "queued", false, "5", ""},
		{"queued word", 200, `{"status":"success","receipt_id":1,"receipt_status":"queued"}`, "status", "queued", false, "1", ""},
		{"printed", 200, `{"status":"success","receipt_id":1,"receipt_status":"printed","fiscal_document_number":"12"}`, "status", "done", false, "1", ""},
		{"fiscal only", 200, `{"receipt_id":1,"fd":12,"fp":"3456","fn":"9999"}`, "status", "done", false, "1", ""},
		{"state done", 200, `{"receipt_id":1,"state":"DONE"}`, "status", "done", false, "1", ""},
		{"state success", 200, `{"receipt_id":1,"receipt_status":"success"}`, "status", "done", false, "1", ""},
		{"print failed", 200, `{"receipt_id":1,"receipt_status":"error","message":"paper out"}`, "status", "failed", false, "1", "print_failed"},
		{"error object", 400, `{"status":"error","error":{"code":"invalid_params","message":"bad"}}`, "build", "failed", false, "", "invalid_params"},
		{"error string", 200, `{"error":"Неверный ключ"}`, "build", "failed", false, "", "error"},
		{"error false", 200, `{"error":false,"receipt_id":3}`, "build", "queued", false, "3", ""},
		{"error empty", 200, `{"error":"","errors":[],"receipt_id":3}`, "build", "queued", false, "3", ""},
		{"error zero", 200, `{"error":0,"receipt_id":3}`, "build", "queued", false, "3", ""},
		{"errors list", 200, `{"errors":["a","b"]}`, "build", "failed", false, "", "error"},
		{"success false", 200, `{"success":false,"code":42,"message":"no"}`, "build", "failed", false, "", "42"},
		{"status false", 200, `{"status":false}`, "build", "failed", false, "", "error"},
		{"status fail", 200, `{"status":"fail"}`, "build", "failed", false, "", "error"},
		{"json 500", 500, `{"error":"db down"}`, "build", "failed", true, "", "http_500"},
		{"json 503 code", 503, `{"error":{"code":"busy"}}`, "build", "failed", true, "", "busy"},
		{"json 429", 429, `{}`, "build", "failed", true, "", "http_429"},
		{"json 401", 401, `{}`, "build", "failed", false, "", "http_401"},
		{"html 502", 502, `<html>Bad gateway</html>`, "build", "failed", true, "", "http_502"},
		{"html 200", 200, `<html>ok</html>`, "build", "failed", true, "", "invalid_answer"},
		{"text 403", 403, `Forbidden`, "build", "failed", false, "", "http_403"},
		{"redirect", 302, ``, "build", "failed", false, "", "http_302"},
		{"array", 200, `[1,2]`, "build", "failed", true, "", "invalid_answer"},
		{"nothing", 0, ``, "build", "failed", true, "", "no_answer"},
		{"empty 200", 200, ``, "build", "failed", true, "", "invalid_answer"},
		{"unknown word", 200, `{"receipt_id":9,"receipt_status":"mystery"}`, "status", "queued", false, "9", ""},
	} {
		r, _ := parse(c.st, c.body, c.for_)
		code := ""
		if r.Error != nil {
			code = r.Error.Code
			if r.Error.Message == "" {
				t.Errorf("%s: empty error message", c.name)
			}
		}
		if r.State != c.state || r.Retryable != c.retry || r.ID != c.id || code != c.code {
			t.Errorf("%s: %+v %v, want %s retry=%v id=%s code=%s", c.name, r, r.Error, c.state, c.retry, c.id, c.code)
		}
		if (r.State == "failed") != (r.Error != nil) {
			t.Errorf("%s: error iff failed", c.name)
		}
	}
}

func TestParseFiscalAndRaw(t *testing.T) {
	body := `{"status":"success","receipt_id":24533,"receipt_status":"printed","fiscal_document_number":"101",` +
		`"fiscal_sign":"2771428613","fn_number":"9999078900012345","shift_number":"3","receipt_number":"7",` +
		`"datetime":"2026-01-01T09:41:00+03:00","total":"212.86","session":{"number":3,"open":true},"operator":"x"}`
	r, n := parse(200, body, "status")
	f := r.Fiscal
	if n != 0 || r.State != "done" || f == nil || f.DocumentNumber != "101" || f.FiscalSign != "2771428613" || f.FNNumber != "9999078900012345" ||
		f.ShiftNumber != "3" || f.ReceiptNumber != "7" || f.Date != "2026-01-01T09:41:00+03:00" || f.Total != "212.86" {
		t.Fatalf("%+v %+v", r, f)
	}
	if r.Raw["session"] != `{"number":3,"open":true}` || r.Raw["operator"] != "x" || r.Raw["receipt_status"] != "printed" || r.Raw["receipt_id"] != "" {
		t.Fatalf("%v", r.Raw)
	}
	// Numbers stay their JSON text: no float64 rounding.
	r, _ = parse(200, `{"receipt_id":12345678901234567890,"fd":1e3,"total":0.1}`, "status")
	if r.ID != "12345678901234567890" || r.Fiscal.DocumentNumber != "1e3" || r.Fiscal.Total != "0.1" {
		t.Fatalf("%+v %+v", r, r.Fiscal)
	}
}

func TestParseWithoutID(t *testing.T) {
	if _, n := parse(200, `{"status":"success"}`, "build"); n != 1 {
		t.Fatal("a build answer without id needs a warning")
	}
	if _, n := parse(200, `{"status":"success"}`, "status"); n != 0 {
		t.Fatal("no warning for a status answer")
	}
}

// Parse never panics, whatever the body.
func TestParseNeverPanics(t *testing.T) {
	bodies := []string{"", "{", "}", "null", "true", `"x"`, `{"error":{"code":{}}}`, `{"errors":{"a":{"message":"m"},"b":"c"}}`,
		`{"data":[],"receipt":"x"}`, `{"status":null}`, strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000),
		`{"receipt_id":{"x":1}}`, "\x00\xff", `{"":1}`}
	for _, b := range bodies {
		for _, st := range []int{0, 200, 404, 500} {
			r, _ := parse(st, b, "")
			if r.State == "" {
				t.Errorf("%q: no state", b)
			}
		}
	}
	r, _ := parse(200, `{"errors":{"a":{"message":"m"},"b":"c"}}`, "")
	if r.Error == nil || r.Error.Message != "a: m; b: c" {
		t.Fatalf("%+v", r.Error)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(200, `{"status":"success","receipt_id":1}`)
	f.Add(500, `{"error":{"code":"x"}}`)
	f.Fuzz(func(t *testing.T, st int, body string) {
		r, _ := New().Parse(provider.Response{Status: st, Body: body}, provider.Options{})
		if r.State != "queued" && r.State != "done" && r.State != "failed" {
			t.Fatalf("state %q", r.State)
		}
	})
}
