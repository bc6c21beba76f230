package nanokassa

import (
	"strconv"
	"strings"
	"time"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// Error codes of a failed Result that kopeck sets itself (Nanokassa's own
// errors have no code: their text is the Message).
const (
	ErrHTTP          = "http_error"     // HTTP status other than 2xx
	ErrNotJSON       = "invalid_answer" // the body is not a JSON object
	ErrProvider      = "provider_error" // {"status":"error","error":"…"}
	ErrUnknownAnswer = "unknown_answer" // JSON of no documented shape
	ErrCheckStatus   = "check_status"   // getfp check_status other than 0, 1, 3
)

// Raw fields of a status answer kept in Result.Raw.
var statusRaw = []string{"check_status", "check_status_info", "check_type", "check_sno", "check_name",
	"check_dt_unixtime", "check_dt_ofdtime", "check_site_fns", "check_qr_code_img_url", "status_code", "error_code"}

// parse normalises a submission answer or a getfp status answer.
func parse(resp provider.Response) (provider.Result, receipt.Problems) {
	var p receipt.Problems
	body := strings.TrimSpace(resp.Body)
	failed := func(retry bool, code, msg string) provider.Result {
		return provider.Result{State: provider.StateFailed, Retryable: retry, Error: &provider.ResultError{Code: code, Message: msg}}
	}
	if resp.Status == 429 || resp.Status >= 500 {
		return failed(true, ErrHTTP, "HTTP "+strconv.Itoa(resp.Status)+errorText(body)), p
	}
	isObject := gjson.Valid(body) && gjson.Parse(body).IsObject()
	if resp.Status != 0 && (resp.Status < 200 || resp.Status > 299) {
		return failed(false, ErrHTTP, "HTTP "+strconv.Itoa(resp.Status)+errorText(body)), p
	}
	if !isObject {
		// Not retried: the receipt may have been registered before the
		// answer broke, and Nanokassa has no idempotency key.
		return failed(false, ErrNotJSON, "the answer is not a JSON object: "+strconv.Quote(clip(body))), p
	}
	j := gjson.Parse(body)
	kind := resp.For
	switch kind {
	case "build", provider.CmdStatus:
	case "":
		if j.Get("check_status").Exists() {
			kind = "status"
		} else {
			kind = "build"
		}
	default:
		p.Errorf(receipt.CodeUnsupported, "response.for", "provider", providerName, "value", strconv.Quote(resp.For))
		return provider.Result{}, p
	}
	if st := j.Get("status").String(); st == "error" || (j.Get("error").String() != "" && st != "success") {
		return failed(false, firstNonEmpty(j.Get("code").String(), ErrProvider), firstNonEmpty(j.Get("error").String(), "error")), p
	}
	if kind == "status" {
		return statusResult(j), p
	}
	if j.Get("status").String() != "success" {
		return failed(false, ErrUnknownAnswer, "an answer without status success or error: "+strconv.Quote(clip(body))), p
	}
	nuid, qnuid := strings.TrimSpace(j.Get("nuid").String()), strings.TrimSpace(j.Get("qnuid").String())
	res := provider.Result{State: provider.StateQueued, Raw: map[string]string{}}
	for _, k := range []string{"nuid", "qnuid", "success"} {
		if v := j.Get(k).String(); v != "" {
			res.Raw[k] = v
		}
	}
	if nuid == "" || qnuid == "" {
		p.Warnf(CodeAnswerWithoutID, "response.body")
		return res, p
	}
	res.ID = ID(nuid, qnuid)
	return res, p
}

// statusResult reads a getfp answer: check_status 0 pending, 1 or 3 done
// (3 with check_status_info "debug" for a test receipt), anything else
// failed.
func statusResult(j gjson.Result) provider.Result {
	res := provider.Result{Raw: map[string]string{}}
	for _, k := range statusRaw {
		if v := j.Get(k).String(); v != "" {
			res.Raw[k] = v
		}
	}
	if n, q := j.Get("check_nuid").String(), j.Get("check_qnuid").String(); n != "" && q != "" {
		res.ID = ID(n, q)
	}
	switch st := strings.TrimSpace(j.Get("check_status").String()); st {
	case "0":
		res.State = provider.StateQueued
	case "1", "3":
		res.State = provider.StateDone
		f := &provider.Fiscal{
			DocumentNumber: j.Get("check_num_fd").String(),
			FiscalSign:     j.Get("check_num_fp").String(),
			FNNumber:       j.Get("check_fn_num").String(),
			Total:          j.Get("check_itog").String(),
			QR:             j.Get("check_qr_code").String(),
		}
		if t := j.Get("check_dt_unixtime"); t.Exists() {
			if sec, err := strconv.ParseInt(strings.TrimSpace(t.String()), 10, 64); err == nil && sec > 0 {
				f.Date = time.Unix(sec, 0).UTC().Format(time.RFC3339)
			}
		}
		res.Fiscal = f
	default:
		res.State = provider.StateFailed
		res.Error = &provider.ResultError{Code: ErrCheckStatus,
			Message: "check_status " + strconv.Quote(st) + errorText(j.Get("check_status_info").String())}
	}
	return res
}

func errorText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return ": " + clip(s)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
