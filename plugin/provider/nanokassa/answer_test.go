package nanokassa_test

import (
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func parse(status int, body, kind string) (provider.Result, receipt.Problems) {
	return nanokassa.New().Parse(provider.Response{Status: status, Body: body, For: kind}, provider.Options{})
}

func TestSubmissionAnswers(t *testing.T) {
	r, p := parse(200, `{"status":"success","success":"added army record to nanokassa.ru","nuid":"N1","qnuid":"Q1"}`, "build")
	if r.State != provider.StateQueued || r.ID != "N1:Q1" || r.Retryable || r.Error != nil || len(p) != 0 || r.Raw["nuid"] != "N1" {
		t.Errorf("success: %+v %v", r, p)
	}
	r, p = parse(200, `{"status":"success"}`, "")
	if r.State != provider.StateQueued || r.ID != "" || !hasProblem(p, receipt.SeverityWarning, nanokassa.CodeAnswerWithoutID, "response.body") {
		t.Errorf("success without ids: %+v %v", r, p)
	}
	r, _ = parse(200, `{"status":"error","error":"неверный kassatoken"}`, "build")
	if r.State != provider.StateFailed || r.Retryable || r.Error == nil || r.Error.Message != "неверный kassatoken" || r.Error.Code != nanokassa.ErrProvider {
		t.Errorf("error: %+v %+v", r, r.Error)
	}
	r, _ = parse(200, `{"code":"17","status":"error","error":"bad"}`, "")
	if r.Error == nil || r.Error.Code != "17" {
		t.Errorf("error with code: %+v", r.Error)
	}
	r, _ = parse(200, `{"something":"else"}`, "build")
	if r.State != provider.StateFailed || r.Error.Code != nanokassa.ErrUnknownAnswer {
		t.Errorf("unknown shape: %+v", r)
	}
}

func TestHTTPAndBrokenAnswers(t *testing.T) {
	for _, st := range []int{429, 500, 502, 503, 504} {
		r, _ := parse(st, "<html>Bad Gateway</html>", "build")
		if r.State != provider.StateFailed || !r.Retryable || r.Error.Code != nanokassa.ErrHTTP || !strings.Contains(r.Error.Message, "HTTP") {
			t.Errorf("%d: %+v", st, r)
		}
	}
	for _, st := range []int{400, 401, 403, 404} {
		r, _ := parse(st, `{"status":"error","error":"x"}`, "build")
		if r.State != provider.StateFailed || r.Retryable {
			t.Errorf("%d: %+v", st, r)
		}
	}
	for _, body := range []string{"", "not json", "<html></html>", `["array"]`, `"str"`, `{"status":`, strings.Repeat("x", 10000)} {
		r, p := parse(200, body, "build")
		if r.State != provider.StateFailed || r.Retryable || r.Error == nil || r.Error.Code != nanokassa.ErrNotJSON || p.HasErrors() {
			t.Errorf("body %.20q: %+v %v", body, r, p)
		}
		if len(r.Error.Message) > 200 {
			t.Errorf("message not clipped: %d bytes", len(r.Error.Message))
		}
	}
	if _, p := parse(200, `{}`, "bogus"); !hasProblem(p, receipt.SeverityError, receipt.CodeUnsupported, "response.for") {
		t.Errorf("unknown for: %v", p)
	}
}

func TestStatusAnswers(t *testing.T) {
	r, _ := parse(200, `{"check_nuid":"N","check_qnuid":"Q","check_status":"0"}`, "status")
	if r.State != provider.StateQueued || r.ID != "N:Q" || r.Fiscal != nil {
		t.Errorf("pending: %+v", r)
	}
	done := `{"check_nuid":"N","check_qnuid":"Q","check_status":%s,"check_status_info":"debug","check_num_fd":"12","check_num_fp":"3456789012",
	  "check_fn_num":"9999078900012345","check_itog":"200.00","check_dt_unixtime":"1603110120",
	  "check_qr_code":"t=20201019T1522&s=200.00&fn=9999078900012345&i=12&fp=3456789012&n=1"}`
	for _, st := range []string{"1", "3", `"3"`} {
		r, _ = parse(200, strings.Replace(done, "%s", st, 1), "") // For empty: the shape decides
		f := r.Fiscal
		if r.State != provider.StateDone || f == nil || f.DocumentNumber != "12" || f.FiscalSign != "3456789012" || f.FNNumber != "9999078900012345" ||
			f.Total != "200.00" || f.Date != "2020-10-19T12:22:00Z" || !strings.HasPrefix(f.QR, "t=20201019T1522&s=200.00") || r.Raw["check_status_info"] != "debug" {
			t.Errorf("done %s: %+v %+v", st, r, f)
		}
	}
	r, _ = parse(200, `{"check_status":2,"check_status_info":"ошибка ФН"}`, "status")
	if r.State != provider.StateFailed || r.Error == nil || r.Error.Code != nanokassa.ErrCheckStatus || !strings.Contains(r.Error.Message, "ошибка ФН") {
		t.Errorf("failed status: %+v", r)
	}
	r, _ = parse(200, `{"status":"error","error":"receipt not found"}`, "status")
	if r.State != provider.StateFailed || r.Error.Message != "receipt not found" {
		t.Errorf("status error: %+v", r)
	}
	r, _ = parse(503, ``, "status")
	if !r.Retryable {
		t.Error("503 on status must be retryable")
	}
}

// FuzzParse: any answer gives a Result with a known state, never a panic.
func FuzzParse(f *testing.F) {
	f.Add(200, `{"status":"success","nuid":"1","qnuid":"2"}`, "build")
	f.Add(200, `{"check_status":1,"check_dt_unixtime":"99999999999999999999"}`, "")
	f.Add(502, "", "status")
	f.Fuzz(func(t *testing.T, status int, body, kind string) {
		r, p := parse(status, body, kind)
		if p.HasErrors() {
			return
		}
		if r.State != provider.StateQueued && r.State != provider.StateDone && r.State != provider.StateFailed {
			t.Fatalf("state %q", r.State)
		}
		if r.State == provider.StateFailed && r.Error == nil {
			t.Fatal("failed without an error")
		}
	})
}
