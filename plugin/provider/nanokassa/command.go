package nanokassa

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// command builds the status request (getfp); Nanokassa documents no other
// service document (no shifts, reports, cash in/out or corrections).
func command(c provider.Command, o provider.Options) (provider.Request, receipt.Problems) {
	var p receipt.Problems
	if c.Type != provider.CmdStatus {
		p.Errorf(receipt.CodeUnsupported, "command.type", "provider", providerName, "value", strconv.Quote(c.Type))
		return provider.Request{}, p
	}
	cfg := readConfig(o, false, false, &p)
	path := c.ParamsPath
	if path == "" {
		path = "command.params"
	}
	raw := []byte(c.Params)
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	obj, _ := jsonin.Parse(raw, path, &p)
	obj.IsObject()
	obj.Known("nuid", "qnuid", "id")
	nuid := strings.TrimSpace(obj.Str("nuid", false))
	qnuid := strings.TrimSpace(obj.Str("qnuid", false))
	if id := strings.TrimSpace(obj.Str("id", false)); id != "" && nuid == "" && qnuid == "" {
		var ok bool
		if nuid, qnuid, ok = SplitID(id); !ok {
			p.Errorf(receipt.CodeWrongType, path+".id", "expected", "nuid:qnuid", "got", strconv.Quote(clip(id)))
		}
	} else {
		if nuid == "" {
			p.Errorf(receipt.CodeRequired, path+".nuid", "field", "nuid")
		}
		if qnuid == "" {
			p.Errorf(receipt.CodeRequired, path+".qnuid", "field", "qnuid")
		}
	}
	if p.HasErrors() {
		return provider.Request{}, p
	}
	sep := "?"
	if strings.Contains(cfg.StatusURL, "?") {
		sep = "&"
	}
	u := cfg.StatusURL + sep + "nuid=" + url.QueryEscape(nuid) + "&qnuid=" + url.QueryEscape(qnuid) + "&auth=base"
	return provider.Request{Method: "GET", URL: u, Headers: map[string]string{"Accept": "application/json"}}, p
}

// ID joins Nanokassa's two receipt ids into kopeck's Result.ID.
func ID(nuid, qnuid string) string { return nuid + ":" + qnuid }

// SplitID splits a Result.ID "nuid:qnuid".
func SplitID(id string) (nuid, qnuid string, ok bool) {
	i := strings.IndexByte(id, ':')
	if i <= 0 || i == len(id)-1 {
		return "", "", false
	}
	return id[:i], id[i+1:], true
}

// clip cuts s to 64 runes for messages.
func clip(s string) string {
	if r := []rune(s); len(r) > 64 {
		return string(r[:64]) + "…"
	}
	return s
}
