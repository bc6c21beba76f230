package itkassa

import (
	"math/rand/v2"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// The answers below are the document's own examples (made valid JSON where
// the document's layout broke them).

const queuedAnswer = `{"code":0,"object":{"id":"b61a171e-f7ef-4b6b-a239-8f246925342a","title":"ФД Открытие смены","type":"openSession",
 "isFiscal":true,"commands":[{"type":"openSession","tagClientContact":"cl@mail.ru","tagCashierName":"Кассир Талалихин В.В.",
 "tagCashierINN":"123456789047","tagClientTitle":"ООО Рога и копыта","tagClientINN":"123456789047","isPrintable":true}],
 "sessionNumber":null,"checkNumber":null,"fsNumber":null,"checkDate":null,"checkUrl":null,"checkUrlOfd":null,
 "createdAt":"2019-10-23T18:51:59+00:00","updatedAt":"2019-10-23T18:51:59+00:00",
 "organizationId":"a6ca9ac2-8c7d-4071-b9ce-4e0aefbbba6c","creItemId":"89189775-e4fc-70d0-5e2c-182e4121308e","resultItem":null}}`

const doneAnswer = `{"code":0,"object":{"id":"b61a171e-f7ef-4b6b-a239-8f246925342a","title":"ФД Открытие смены","type":"openSession",
 "isFiscal":true,"commands":[{"type":"openSession","isPrintable":true}],
 "sessionNumber":"1","checkNumber":"11","fsNumber":"","checkDate":"1969-12-31 21:00:00",
 "checkUrl":"t=19700101T000000&s=0.00&fn=&i=11&fp=0000000000&n=0","checkUrlOfd":"",
 "createdAt":"2019-10-23T18:51:59+00:00","updatedAt":"2019-10-23T18:52:08+00:00",
 "organizationId":"a6ca9ac2-8c7d-4071-b9ce-4e0aefbbba6c","creItemId":"89189775-e4fc-70d0-5e2c-182e4121308e",
 "createdById":"395edd6a-ea18-4401-a1b5-223cebf39c4c","registryId":null,"queueItem":null,
 "resultItem":{"id":"a6a5f101-1a2a-41fa-9d88-d7c244ec8ba3","queueItemId":858,"creErrorId":"0",
  "creErrorText":"[ OpenSession ] Ошибка нет","commands":"[{\"type\":\"openSession\",\"isPrintable\":true}]",
  "result":"success","printedAt":"2019-10-23T18:52:09+00:00","createdAt":"2019-10-23T18:52:08+00:00",
  "updatedAt":"2019-10-23T18:52:08+00:00","printDocumentId":"b61a171e-f7ef-4b6b-a239-8f246925342a"}}}`

const errorAnswer = `{"creItemId":"89189775-e4fc-70d0-5e2c-182e4121308e","id":"","lastErrorId":83,
 "lastErrorMessage":"[ OpenSession.Report ] Смена открыта, операция невозможна","result":"critical_error",
 "result_description":"Задание выполнено на ККТ","sessionNumber":"1","sessionState":"opened","updatedAt":"2019-11-14T06:56:25Z"}`

const callbackBody = `{"id":"9c60d0a6-130a-485b-8878-78f899346dfd","idempKey":null,"title":"ФД Закрытие смены","type":"closeSession",
 "orderNumber":4409,"isFiscal":true,"commands":[{"type":"closeSession","tagClientContact":"xxxxxxx@mail.ru","isPrintable":true}],
 "sessionNumber":"","checkNumber":"","fsNumber":"","checkDate":"1970-01-01 00:00:00",
 "checkUrl":"t=19700101T000000&s=0.00&fn=&i=0&fp=0000000000&n=0","checkUrlOfd":"",
 "createdAt":"2020-04-18T16:55:21+00:00","updatedAt":"2020-04-18T16:56:19+00:00",
 "organizationId":"a6ca9ac2-8c7d-4071-b9ce-4e0aefbbba6c","creItemId":"89189775-e4fc-70d0-5e2c-182e4121308e",
 "createdById":"395edd6a-ea18-4401-a1b5-223cebf39c4c","registryId":null,
 "resultItem":{"id":"1e16c22d-a5c0-4b68-b1be-09e94e83178a","queueItemId":4409,"creErrorId":"0",
  "creErrorText":"[ CloseSession ] Ошибка нет","commands":"[]","result":"success",
  "printedAt":"2020-04-18T16:56:19+00:00","createdAt":"2020-04-18T16:56:19+00:00",
  "updatedAt":"2020-04-18T16:56:19+00:00","printDocumentId":"9c60d0a6-130a-485b-8878-78f899346dfd"}}`

func parse(t *testing.T, status int, body, forWhat string, headers map[string]string, o provider.Options) (provider.Result, receipt.Problems) {
	t.Helper()
	res, p := New().Parse(provider.Response{Status: status, Body: body, For: forWhat, Headers: headers}, o)
	noSecrets(t, p)
	if res.State != provider.StateQueued && res.State != provider.StateDone && res.State != provider.StateFailed {
		t.Fatalf("state %q", res.State)
	}
	if res.State == provider.StateFailed && (res.Error == nil || res.Error.Code == "" || res.Error.Message == "") {
		t.Fatalf("failed without an error: %+v", res)
	}
	return res, p
}

func TestParseQueued(t *testing.T) {
	res, p := parse(t, 200, queuedAnswer, "build", nil, opts())
	if len(p) != 0 || res.State != provider.StateQueued || res.ID != "b61a171e-f7ef-4b6b-a239-8f246925342a" || res.Fiscal != nil || res.Retryable {
		t.Fatalf("%+v %v", res, p)
	}
	// a document without resultItem at all has not reported a result yet
	res, _ = parse(t, 200, `{"code":0,"object":{"id":"2c023d01-ace9-4dc9-a189-b94f29bad9d6","type":"xReport","sessionNumber":"1"}}`, "build", nil, opts())
	if res.State != provider.StateQueued || res.ID != "2c023d01-ace9-4dc9-a189-b94f29bad9d6" {
		t.Fatalf("%+v", res)
	}
}

func TestParseDone(t *testing.T) {
	res, _ := parse(t, 200, doneAnswer, provider.CmdDocumentByKey, nil, opts())
	want := provider.Fiscal{DocumentNumber: "11", FiscalSign: "0000000000", ShiftNumber: "1", Date: "1969-12-31 21:00:00",
		Total: "0.00", QR: "t=19700101T000000&s=0.00&fn=&i=11&fp=0000000000&n=0"}
	if res.State != provider.StateDone || res.Fiscal == nil || *res.Fiscal != want || res.Error != nil {
		t.Fatalf("%+v %+v", res, res.Fiscal)
	}
	// a real receipt: every field, checkSign wins over the QR's fp
	body := `{"code":0,"object":{"id":"d1","idempKey":"e587cc20-c627-592c-a9bc-d1fdc9c18666","sessionNumber":7,"checkNumber":128,
	 "fsNumber":"9999078900006849","checkDate":"2024-01-15 12:00:00","checkSign":"1234567890",
	 "checkUrl":"t=20240115T1200&s=156.92&fn=9999078900006849&i=128&fp=1234567890&n=1","checkUrlOfd":"https://ofd.example/c/128",
	 "resultItem":{"result":"success"}}}`
	res, _ = parse(t, 200, body, "build", nil, opts())
	want = provider.Fiscal{DocumentNumber: "128", FiscalSign: "1234567890", FNNumber: "9999078900006849", ShiftNumber: "7",
		Date: "2024-01-15 12:00:00", Total: "156.92", QR: "t=20240115T1200&s=156.92&fn=9999078900006849&i=128&fp=1234567890&n=1",
		URL: "https://ofd.example/c/128"}
	if res.State != provider.StateDone || *res.Fiscal != want || res.Raw["idemp_key"] != "e587cc20-c627-592c-a9bc-d1fdc9c18666" {
		t.Fatalf("%+v %+v", res, res.Fiscal)
	}
	// checkNumber 0: a test cashbox
	res, _ = parse(t, 200, `{"code":0,"object":{"id":"x","checkNumber":"0","resultItem":{"result":"success"}}}`, "build", nil, opts())
	if res.Raw["test_cashbox"] != "true" || res.Fiscal.DocumentNumber != "0" {
		t.Fatalf("%+v", res)
	}
	// a non-fiscal document done without fiscal data
	res, _ = parse(t, 200, `{"code":0,"object":{"id":"x","checkUrl":"","resultItem":{"result":"success"}}}`, "build", nil, opts())
	if res.State != provider.StateDone || res.Fiscal != nil {
		t.Fatalf("%+v", res)
	}
}

func TestParseErrors(t *testing.T) {
	res, _ := parse(t, 200, errorAnswer, "build", nil, opts())
	if res.State != provider.StateFailed || res.Retryable || res.Error.Code != "83" ||
		res.Error.Message != "[ OpenSession.Report ] Смена открыта, операция невозможна" || res.Raw["session_state"] != "opened" {
		t.Fatalf("%+v %+v", res, res.Error)
	}
	res, _ = parse(t, 200, `{"code":0,"object":{"id":"d","lastErrorId":255,"lastErrorMessage":"нет связи с ККМ","result":"critical_error","resultItem":{"result":"critical_error"}}}`, "build", nil, opts())
	if res.State != provider.StateFailed || !res.Retryable || res.Error.Code != "255" || res.ID != "d" {
		t.Fatalf("%+v", res)
	}
	// the device error only in resultItem
	res, _ = parse(t, 200, `{"code":0,"object":{"id":"d","resultItem":{"result":"critical_error","creErrorId":"-12","creErrorText":"[ Sale ] Нет бумаги"}}}`, "build", nil, opts())
	if res.Retryable || res.Error.Code != "-12" || res.Error.Message != "[ Sale ] Нет бумаги" {
		t.Fatalf("%+v", res.Error)
	}
	// a validation error: no device error
	res, _ = parse(t, 400, `{"creItemId":"x","id":"","result":"critical_error","result_description":"lines: required"}`, "build", nil, opts())
	if res.Retryable || res.Error.Code != ErrCritical || res.Error.Message != "lines: required" {
		t.Fatalf("%+v", res.Error)
	}
	res, _ = parse(t, 200, `{"code":0,"object":{"id":"d","resultItem":{"result":"paused"}}}`, "build", nil, opts())
	if res.State != provider.StateFailed || !res.Retryable || res.Error.Code != ErrUnknownResult {
		t.Fatalf("%+v", res)
	}
}

func TestParseHTTP(t *testing.T) {
	cases := []struct {
		status    int
		body      string
		code      string
		retryable bool
	}{
		{500, `{"code":500}`, "http_500", true},
		{502, `<html>Bad Gateway</html>`, "http_502", true},
		{503, ``, "http_503", true},
		{429, `{"code":429,"message":"Too many requests"}`, "http_429", true},
		{401, `{"code":401,"message":"invalid key"}`, "http_401", false},
		{403, `{}`, "http_403", false},
		{404, `{"code":404,"message":"document not found"}`, ErrNotFound, false},
		{200, `<html>`, ErrInvalidAnswer, false},
		{200, ``, ErrInvalidAnswer, false},
		{200, `[1,2]`, ErrInvalidAnswer, false},
		{200, `"ok"`, ErrInvalidAnswer, false},
		{200, `{"foo":1}`, ErrInvalidAnswer, false},
		{400, `{"code":17,"message":"creItemId not found"}`, "code_17", false},
	}
	for _, c := range cases {
		res, _ := parse(t, c.status, c.body, "build", nil, opts())
		if res.State != provider.StateFailed || res.Error.Code != c.code || res.Retryable != c.retryable {
			t.Errorf("%d %s: %+v %+v", c.status, c.body, res, res.Error)
		}
	}
	res, _ := parse(t, 400, `{"code":17,"message":"creItemId not found"}`, "build", nil, opts())
	if res.Error.Message != "creItemId not found" {
		t.Fatal(res.Error)
	}
}

func TestParseListAndSettings(t *testing.T) {
	res, _ := parse(t, 200, `{"code":0,"list":[{"id":"89189775-e4fc-70d0-5e2c-182e4121308e","fsNumber":"8710000101201674"},{"id":"9366f6f6-cba1-7826-5d9f-59c176822a6c"}]}`,
		provider.CmdCashboxList, nil, opts())
	if res.State != provider.StateDone || res.Raw["count"] != "2" || res.Raw["list"] == "" {
		t.Fatalf("%+v", res)
	}
	res, _ = parse(t, 200, `{"code":0}`, provider.CmdCallbackSettings, nil, opts())
	if res.State != provider.StateDone || res.Error != nil {
		t.Fatalf("%+v", res)
	}
}

func TestParseCallback(t *testing.T) {
	// right key, header name in any case
	for _, h := range []map[string]string{{"X-API-Key": testCbKey}, {"x-api-key": testCbKey}, {"X-Api-Key": testCbKey}} {
		res, p := parse(t, 0, callbackBody, "callback", h, opts())
		if len(p) != 0 || res.State != provider.StateDone || res.ID != "9c60d0a6-130a-485b-8878-78f899346dfd" ||
			res.Fiscal == nil || res.Fiscal.QR != "t=19700101T000000&s=0.00&fn=&i=0&fp=0000000000&n=0" || res.Raw["type"] != "closeSession" {
			t.Fatalf("%v: %+v %v", h, res, p)
		}
	}
	// a wrapped callback is accepted too
	res, _ := parse(t, 0, doneAnswer, "callback", map[string]string{"X-API-Key": testCbKey}, opts())
	if res.State != provider.StateDone {
		t.Fatalf("%+v", res)
	}
	// wrong key, missing header, empty header
	for name, h := range map[string]map[string]string{
		"wrong":   {"X-API-Key": testCbKey + "x"},
		"prefix":  {"X-API-Key": testCbKey[:5]},
		"missing": {"X-Organization-Id": "a6ca9ac2"},
		"empty":   {"X-API-Key": ""},
		"nil":     nil,
	} {
		res, p := parse(t, 0, callbackBody, "callback", h, opts())
		if res.State != provider.StateFailed || res.Error.Code != CodeCallbackUnauthorized || res.Fiscal != nil || res.ID != "" {
			t.Fatalf("%s: %+v", name, res)
		}
		mustProblem(t, p, receipt.SeverityError, CodeCallbackUnauthorized, "response.headers.X-API-Key")
	}
	// no configured secret: never accepted, whatever the header says
	o := optsWith(map[string]any{"url": sandboxURL, "callback_api_key": nil})
	res, p := parse(t, 0, callbackBody, "callback", map[string]string{"X-API-Key": ""}, o)
	if res.State != provider.StateFailed || res.Error.Code != CodeCallbackUnauthorized {
		t.Fatalf("%+v", res)
	}
	mustProblem(t, p, receipt.SeverityError, receipt.CodeRequired, "settings.itkassa.callback_api_key")
	o = optsWith(map[string]any{"url": sandboxURL, "callback_api_key": ""})
	if res, _ := parse(t, 0, callbackBody, "callback", map[string]string{"X-API-Key": ""}, o); res.State != provider.StateFailed {
		t.Fatalf("an empty secret accepted %+v", res)
	}
	// authenticated but not a document
	res, _ = parse(t, 0, `not json`, "callback", map[string]string{"X-API-Key": testCbKey}, opts())
	if res.State != provider.StateFailed || res.Error.Code != ErrInvalidAnswer {
		t.Fatalf("%+v", res)
	}
}

// TestParseNeverPanics feeds mutilated documents and random bytes.
func TestParseNeverPanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	seeds := []string{queuedAnswer, doneAnswer, errorAnswer, callbackBody}
	for i := 0; i < 3000; i++ {
		s := []byte(seeds[i%len(seeds)])
		switch i % 3 {
		case 0:
			s = s[:rng.IntN(len(s))]
		case 1:
			for j := 0; j < 5; j++ {
				s[rng.IntN(len(s))] = byte(rng.IntN(256))
			}
		default:
			s = make([]byte, rng.IntN(64))
			for j := range s {
				s[j] = byte(rng.IntN(256))
			}
		}
		for _, f := range []string{"build", "callback", ""} {
			parse(t, []int{200, 400, 500}[i%3], string(s), f, map[string]string{"X-API-Key": testCbKey}, opts())
		}
	}
	for _, weird := range []string{`{"object":[]}`, `{"object":{"resultItem":"success"}}`, `{"object":{"resultItem":{"result":1}}}`,
		`{"code":null}`, `{"object":{"checkUrl":"%zz","resultItem":{"result":"success"}}}`, `{"result":{"a":1}}`} {
		if res, _ := parse(t, 200, weird, "build", nil, opts()); res.State == provider.StateQueued && res.ID == "" {
			t.Errorf("%s: queued without an id", weird)
		}
	}
}

// FuzzParse: no answer or callback makes Parse panic, and a failed result
// always carries an error.
func FuzzParse(f *testing.F) {
	for _, s := range []string{queuedAnswer, doneAnswer, errorAnswer, callbackBody, `{"code":0,"list":[]}`, ``} {
		f.Add(200, s, "build", testCbKey)
		f.Add(0, s, "callback", testCbKey)
	}
	f.Fuzz(func(t *testing.T, status int, body, forWhat, key string) {
		res, _ := New().Parse(provider.Response{Status: status, Body: body, For: forWhat, Headers: map[string]string{"x-api-key": key}}, opts())
		if res.State == provider.StateFailed && res.Error == nil {
			t.Fatalf("failed without error: %+v", res)
		}
		if forWhat == "callback" && key != testCbKey && res.State != provider.StateFailed {
			t.Fatalf("unauthenticated callback accepted: %+v", res)
		}
	})
}
