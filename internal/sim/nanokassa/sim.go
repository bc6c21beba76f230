package nanokassa

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// KeyBits is the size of the simulator's RSA keys. Nanokassa's are 4096-bit;
// the simulator uses 2048 bits because generating two 4096-bit keys takes
// seconds in every test. OAEP works the same at either size.
const KeyBits = 2048

// Paths the simulator serves.
const (
	SubmitPath = "/srv/igd.php"
	StatusPath = "/getfp"
)

// SuccessText is the documented "success" member of an accepted submission.
const SuccessText = "added army record to nanokassa.ru"

// Sim is a strict local stand-in for Nanokassa: its own key pairs, HMAC
// keys and credentials; it decrypts both layers, checks both HMACs and the
// envelope against the inner request, runs Check and answers with the
// documented shapes. Safe for concurrent use.
type Sim struct {
	// KassaID and KassaToken are the credentials it accepts.
	KassaID, KassaToken string
	// ExtendedVAT accepts stavka_nds 7..12 (see CheckExtended).
	ExtendedVAT bool
	// PendingPolls is how many getfp calls answer check_status 0 before a
	// receipt is done.
	PendingPolls int
	// Now is the simulator's clock (time.Now when nil).
	Now func() time.Time

	keys [2]*rsa.PrivateKey
	hmac [2][]byte

	mu       sync.Mutex
	accepted []json.RawMessage
	receipts map[string]*record
	fd       int
}

type record struct {
	inner  map[string]any
	test   string
	polls  int
	fd     int
	posted time.Time
}

// New returns a simulator with fresh keys and credentials. It panics only
// when the system's random source fails.
func New() *Sim {
	s := &Sim{receipts: map[string]*record{}}
	for i := range s.keys {
		k, err := rsa.GenerateKey(rand.Reader, KeyBits)
		if err != nil {
			panic("nanokassa sim: " + err.Error())
		}
		s.keys[i] = k
		s.hmac[i] = randomBytes(32)
	}
	s.KassaID = strconv.Itoa(100000 + int(randomBytes(2)[0])*256 + int(randomBytes(1)[0]))
	s.KassaToken = hex.EncodeToString(randomBytes(16))
	return s
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := io.ReadFull(rand.Reader, b); err != nil {
		panic("nanokassa sim: " + err.Error())
	}
	return b
}

// PublicKeyPEM returns layer i's public key (0 first, 1 second) in PEM.
func (s *Sim) PublicKeyPEM(i int) string {
	der, _ := x509.MarshalPKIXPublicKey(&s.keys[i].PublicKey)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// PrivateKey returns layer i's private key, for tests that decrypt a body
// themselves.
func (s *Sim) PrivateKey(i int) *rsa.PrivateKey { return s.keys[i] }

// HMACKey returns layer i's HMAC key.
func (s *Sim) HMACKey(i int) []byte { return append([]byte(nil), s.hmac[i]...) }

// Settings returns the settings.nanokassa section that points kopeck at
// this simulator (baseURL such as an httptest server's URL).
func (s *Sim) Settings(baseURL string) map[string]any {
	base := strings.TrimRight(baseURL, "/")
	m := map[string]any{
		"kassaid":           s.KassaID,
		"kassatoken":        s.KassaToken,
		"cms":               "wordpress",
		"url":               base + SubmitPath,
		"status_url":        base + StatusPath,
		"public_key_first":  s.PublicKeyPEM(0),
		"public_key_second": s.PublicKeyPEM(1),
		"hmac_first":        base64.StdEncoding.EncodeToString(s.hmac[0]),
		"hmac_second":       base64.StdEncoding.EncodeToString(s.hmac[1]),
	}
	if s.ExtendedVAT {
		m["extended_vat"] = true
	}
	return m
}

// Accepted returns the inner requests accepted so far, in order.
func (s *Sim) Accepted() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]json.RawMessage(nil), s.accepted...)
}

// ServeHTTP answers POST /srv/igd.php and GET /getfp.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasSuffix(r.URL.Path, StatusPath):
		if r.Method != http.MethodGet {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		s.status(w, r)
	case strings.HasSuffix(r.URL.Path, SubmitPath):
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		s.submit(w, r)
	default:
		http.NotFound(w, r)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

func answerError(w http.ResponseWriter, msg string) {
	writeJSON(w, map[string]string{"status": "error", "error": msg})
}

// Submit decrypts, checks and records one request; see Sim.
func (s *Sim) submit(w http.ResponseWriter, r *http.Request) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		answerError(w, "Content-Type must be application/json")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		answerError(w, "cannot read the body")
		return
	}
	inner, test, msg := s.unwrap(body)
	if msg != "" {
		answerError(w, msg)
		return
	}
	check := Check
	if s.ExtendedVAT {
		check = CheckExtended
	}
	if bad := check(inner); len(bad) > 0 {
		answerError(w, strings.Join(bad, "; "))
		return
	}
	var parsed map[string]any
	dec := json.NewDecoder(bytes.NewReader(inner))
	dec.UseNumber()
	_ = dec.Decode(&parsed)
	nuid, qnuid := hex.EncodeToString(randomBytes(8)), hex.EncodeToString(randomBytes(8))
	s.mu.Lock()
	s.accepted = append(s.accepted, json.RawMessage(append([]byte(nil), inner...)))
	s.fd++
	s.receipts[nuid+"/"+qnuid] = &record{inner: parsed, test: test, fd: s.fd, posted: s.now()}
	s.mu.Unlock()
	writeJSON(w, map[string]string{"status": "success", "success": SuccessText, "nuid": nuid, "qnuid": qnuid})
}

func (s *Sim) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// unwrap opens both layers and checks the envelopes against each other and
// against the inner request; msg is the error to answer, "" when all agree.
func (s *Sim) unwrap(body []byte) (inner []byte, test, msg string) {
	var e2 map[string]any
	if err := json.Unmarshal(body, &e2); err != nil {
		return nil, "", "the body is not JSON"
	}
	if bad := exactStrings(e2, "aab", "dde", "test"); bad != "" {
		return nil, "", "envelope: " + bad
	}
	test = e2["test"].(string)
	if test != "0" && test != "1" {
		return nil, "", "envelope: test must be \"0\" or \"1\""
	}
	e1raw, err := open(e2["aab"].(string), e2["dde"].(string), s.keys[1], s.hmac[1])
	if err != nil {
		return nil, "", "second encryption: " + err.Error()
	}
	var e1 map[string]any
	if err := json.Unmarshal(e1raw, &e1); err != nil {
		return nil, "", "second encryption: the decrypted envelope is not JSON"
	}
	if _, ok := e1["check_type"]; !ok {
		e1["check_type"] = "standart" // the plugin omits it
	}
	if bad := exactStrings(e1, "ab", "de", "kassaid", "kassatoken", "check_type", "test"); bad != "" {
		return nil, "", "first envelope: " + bad
	}
	if e1["check_type"] != "standart" {
		return nil, "", "first envelope: check_type must be \"standart\""
	}
	if e1["test"] != test {
		return nil, "", "first envelope: test differs from the outer test"
	}
	if e1["kassaid"] != s.KassaID || e1["kassatoken"] != s.KassaToken {
		return nil, "", "wrong kassaid or kassatoken"
	}
	inner, err = open(e1["ab"].(string), e1["de"].(string), s.keys[0], s.hmac[0])
	if err != nil {
		return nil, "", "first encryption: " + err.Error()
	}
	var in map[string]any
	dec := json.NewDecoder(bytes.NewReader(inner))
	dec.UseNumber()
	if err := dec.Decode(&in); err != nil {
		return nil, "", "first encryption: the decrypted request is not a JSON object"
	}
	if in["kassaid"] != e1["kassaid"] || in["kassatoken"] != e1["kassatoken"] {
		return nil, "", "kassaid/kassatoken of the request differ from the envelope"
	}
	if fmt.Sprint(in["test"]) != test {
		return nil, "", "test of the request differs from the envelope"
	}
	return inner, test, ""
}

// exactStrings checks that m has exactly the string members names.
func exactStrings(m map[string]any, names ...string) string {
	for _, n := range names {
		if _, ok := m[n].(string); !ok {
			return n + " is required (a string)"
		}
	}
	if len(m) != len(names) {
		return "unexpected members besides " + strings.Join(names, ", ")
	}
	return ""
}

// status answers getfp with the documented fields.
func (s *Sim) status(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("auth") != "base" {
		answerError(w, "auth must be base")
		return
	}
	nuid, qnuid := q.Get("nuid"), q.Get("qnuid")
	s.mu.Lock()
	rec := s.receipts[nuid+"/"+qnuid]
	if rec != nil {
		rec.polls++
	}
	s.mu.Unlock()
	if rec == nil {
		answerError(w, "receipt not found")
		return
	}
	out := map[string]any{"check_nuid": nuid, "check_qnuid": qnuid, "check_status": 0, "check_status_info": "pending"}
	if rec.polls <= s.PendingPolls {
		writeJSON(w, out)
		return
	}
	itog := rec.inner["itog_arr"].(map[string]any)
	total, _ := new(big.Int).SetString(fmt.Sprint(itog["itog_cheka"]), 10)
	rub := rubles(total)
	fn := "9999078902004567"
	fp := strconv.Itoa(1000000000 + rec.fd*7919)
	dt := rec.posted.UTC()
	out["check_status"], out["check_status_info"] = 1, "ok"
	if rec.test == "1" {
		out["check_status"], out["check_status_info"] = 3, "debug"
	}
	op := rec.inner["oplata_arr"].(map[string]any)
	out["check_type"] = fmt.Sprint(itog["priznak_rascheta"])
	out["check_sno"] = fmt.Sprint(op["rezhim_nalog"])
	out["check_dt_unixtime"] = strconv.FormatInt(dt.Unix(), 10)
	out["check_num_fd"] = strconv.Itoa(rec.fd)
	out["check_num_fp"] = fp
	out["check_fn_num"] = fn
	out["check_itog"] = rub
	out["check_qr_code"] = "t=" + dt.Format("20060102T1504") + "&s=" + rub + "&fn=" + fn + "&i=" + strconv.Itoa(rec.fd) +
		"&fp=" + fp + "&n=" + fmt.Sprint(itog["priznak_rascheta"])
	writeJSON(w, out)
}

// rubles formats kopecks as "465.61".
func rubles(k *big.Int) string {
	if k == nil {
		return "0.00"
	}
	q, m := new(big.Int).QuoRem(k, big.NewInt(100), new(big.Int))
	return fmt.Sprintf("%s.%02d", q, m.Int64())
}
