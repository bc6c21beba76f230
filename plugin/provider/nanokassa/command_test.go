package nanokassa_test

import (
	"encoding/json"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func command(typ, params, cfg string) (provider.Request, receipt.Problems) {
	return nanokassa.New().Command(provider.Command{Type: typ, Params: json.RawMessage(params), ParamsPath: "command.params"},
		provider.Options{Config: json.RawMessage(cfg), ConfigPath: "settings.nanokassa"})
}

func TestStatusCommand(t *testing.T) {
	req, p := command(provider.CmdStatus, `{"nuid":"a b&c","qnuid":"q1"}`, `{}`)
	if p.HasErrors() || req.Method != "GET" || req.URL != "http://fp.nanokassa.com/getfp?nuid=a+b%26c&qnuid=q1&auth=base" || req.Body != "" {
		t.Errorf("%+v %v", req, p)
	}
	req, _ = command(provider.CmdStatus, `{"id":"n1:q1"}`, `{"status_url":"http://127.0.0.1:9/getfp?x=1"}`)
	if req.URL != "http://127.0.0.1:9/getfp?x=1&nuid=n1&qnuid=q1&auth=base" {
		t.Errorf("id form with an overridden URL: %s", req.URL)
	}
	_, p = command(provider.CmdStatus, `{}`, `{}`)
	if !hasProblem(p, receipt.SeverityError, receipt.CodeRequired, "command.params.nuid") || !hasProblem(p, receipt.SeverityError, receipt.CodeRequired, "command.params.qnuid") {
		t.Errorf("missing ids: %v", p)
	}
	_, p = command(provider.CmdStatus, `{"id":"no-colon"}`, `{}`)
	if !hasProblem(p, receipt.SeverityError, receipt.CodeWrongType, "command.params.id") {
		t.Errorf("bad id: %v", p)
	}
}

func TestOtherCommandsUnsupported(t *testing.T) {
	for _, c := range []string{provider.CmdOpenShift, provider.CmdCloseShift, provider.CmdXReport, provider.CmdCashIn,
		provider.CmdCashOut, provider.CmdCorrection, provider.CmdInfo, provider.CmdCashboxList, provider.CmdDocumentByKey,
		provider.CmdCallbackSettings, provider.CmdSlip, "", "bogus"} {
		req, p := command(c, `{}`, `{}`)
		if !hasProblem(p, receipt.SeverityError, receipt.CodeUnsupported, "command.type") || req.URL != "" {
			t.Errorf("%q: %v", c, p)
		}
	}
}

func TestSplitID(t *testing.T) {
	if n, q, ok := nanokassa.SplitID(nanokassa.ID("n", "q:x")); !ok || n != "n" || q != "q:x" {
		t.Errorf("%s %s %v", n, q, ok)
	}
	for _, bad := range []string{"", ":", "a:", ":b", "ab"} {
		if _, _, ok := nanokassa.SplitID(bad); ok {
			t.Errorf("%q split", bad)
		}
	}
}
