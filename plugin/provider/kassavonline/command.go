package kassavonline

import (
	"strconv"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// Command builds the service requests the document offers:
//
//	x_report     /api/print  {"kkm_serial_number","kkm_connection_key","receipt":{"type":"x-report"}}
//	close_shift  /api/print  … {"type":"z-report"}
//	status       /api/status {"receipt_id":24533,"session_info":0|1}
//	info         /api/info   {"receipt_id":24533}
//
// Command params for status and info: {"receipt_id": 24533} (a number or a
// string of digits; "id" is accepted as its synonym, so that a Result.ID can
// be passed back as it is) and, for status, "session_info": true|false|1|0
// (default false). Everything else is "unsupported" at "command.type".
func (kassa) Command(cmd provider.Command, o provider.Options) (req provider.Request, p receipt.Problems) {
	defer func() {
		if v := recover(); v != nil {
			req, p = provider.Request{}, append(p, receipt.NewProblem(receipt.SeverityError, CodeInternal, "command"))
		}
	}()
	switch cmd.Type {
	case provider.CmdXReport, provider.CmdCloseShift:
		c := readConfig(o, true, &p)
		c.guardTest(o, &p)
		paramsOf(cmd, &p).Known()
		if p.HasErrors() {
			return provider.Request{}, p
		}
		t := TypeXReport
		if cmd.Type == provider.CmdCloseShift {
			t = TypeZReport
		}
		return c.envelope("print", encode(params{Serial: c.Serial, ConnKey: c.ConnKey, Receipt: report{Type: t}})), p
	case provider.CmdStatus, provider.CmdInfo:
		c := readConfig(o, false, &p)
		obj := paramsOf(cmd, &p)
		id := receiptID(obj, &p)
		body := `{"receipt_id":` + id
		method := "info"
		if cmd.Type == provider.CmdStatus {
			obj.Known("receipt_id", "id", "session_info")
			session, _ := obj.Bool("session_info")
			method = "status"
			if session {
				body += `,"session_info":1`
			} else {
				body += `,"session_info":0`
			}
		} else {
			obj.Known("receipt_id", "id")
		}
		if p.HasErrors() {
			return provider.Request{}, p
		}
		return c.envelope(method, []byte(body+"}")), p
	}
	if cmd.Type == "" {
		p.Errorf(receipt.CodeRequired, "command.type", "field", "type")
	} else {
		p.Errorf(receipt.CodeUnsupported, "command.type", "provider", providerName, "value", strconv.Quote(clip(cmd.Type, 64)))
	}
	return provider.Request{}, p
}

// paramsOf parses the command's params object ({} when absent).
func paramsOf(cmd provider.Command, p *receipt.Problems) jsonin.Obj {
	path := cmd.ParamsPath
	if path == "" {
		path = "command.params"
	}
	raw := []byte(cmd.Params)
	if len(strings.TrimSpace(string(raw))) == 0 {
		raw = []byte("{}")
	}
	o, ok := jsonin.Parse(raw, path, p)
	if ok && o.Exists() {
		o.IsObject()
	}
	return o
}

// receiptID reads receipt_id (or id): a positive integer given as a JSON
// number or a string of digits, returned as the JSON number text.
func receiptID(o jsonin.Obj, p *receipt.Problems) string {
	c := o.Child("receipt_id")
	if !c.Exists() && o.Child("id").Exists() {
		c = o.Child("id")
	}
	s := strings.TrimSpace(c.AsStr("receipt_id", true))
	if s == "" {
		return "0"
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		p.Errorf(receipt.CodeNotNumber, c.Path, "value", strconv.Quote(clip(s, 64)))
		return "0"
	}
	return strconv.FormatInt(n, 10)
}
