package host

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero"
)

// stderrLimit is how much of what a guest writes to stderr during one call is
// kept for the error message.
const stderrLimit = 2048

// instance is one instantiated plugin: used by one call at a time.
type instance struct {
	plugin *extism.Plugin
	stderr *boundedBuffer
}

// newInstance instantiates the compiled plugin with the host's real
// randomness, clocks and sleep, and a bounded stderr.
func newInstance(ctx context.Context, compiled *extism.CompiledPlugin) (*instance, error) {
	stderr := &boundedBuffer{limit: stderrLimit}
	mc := wazero.NewModuleConfig().
		WithRandSource(rand.Reader).
		WithSysWalltime().
		WithSysNanotime().
		WithSysNanosleep().
		WithStderr(stderr)
	p, err := compiled.Instance(ctx, extism.PluginInstanceConfig{ModuleConfig: mc})
	if err != nil {
		return nil, fmt.Errorf("host: instantiate: %w", err)
	}
	return &instance{plugin: p, stderr: stderr}, nil
}

// call runs export on input under timeout. healthy reports whether the
// instance may be reused: false after a trap, a timeout, an exit or any
// failure that is not an error set by the guest.
func (in *instance) call(ctx context.Context, export string, input []byte) (out []byte, healthy bool, err error) {
	in.stderr.reset()
	rc, out, err := in.plugin.CallWithContext(ctx, export, input)
	if err == nil {
		if rc != 0 {
			return nil, true, fmt.Errorf("host: %s returned %d without an error message", export, rc)
		}
		return out, true, nil
	}
	// The SDK turns the guest's error_set message into errors.New(message)
	// only when the export returned normally; a trap or an exit comes back as
	// the runtime's own error and leaves no (or another) guest message.
	if msg := in.plugin.GetError(); msg != "" && msg == err.Error() {
		return nil, true, &GuestError{Export: export, Message: msg}
	}
	return nil, false, in.failure(export, err)
}

// failure wraps a runtime error of export with what the guest wrote to
// stderr during the call, if anything.
func (in *instance) failure(export string, err error) error {
	if s := strings.TrimSpace(in.stderr.String()); s != "" {
		return fmt.Errorf("host: %s failed: %w; guest stderr: %s", export, err, s)
	}
	return fmt.Errorf("host: %s failed: %w", export, err)
}

// close releases the instance's modules.
func (in *instance) close(ctx context.Context) error {
	return in.plugin.Close(ctx)
}

// boundedBuffer keeps the first limit bytes written since the last reset and
// counts the rest; writes never fail, so the guest never sees an error.
type boundedBuffer struct {
	limit   int
	buf     []byte
	dropped int
}

// Write implements io.Writer.
func (b *boundedBuffer) Write(p []byte) (int, error) {
	room := b.limit - len(b.buf)
	if room > len(p) {
		room = len(p)
	}
	if room > 0 {
		b.buf = append(b.buf, p[:room]...)
	}
	b.dropped += len(p) - max(room, 0)
	return len(p), nil
}

// String returns the kept bytes, with a note of how many were dropped.
func (b *boundedBuffer) String() string {
	if b.dropped > 0 {
		return fmt.Sprintf("%s... (%d more bytes)", b.buf, b.dropped)
	}
	return string(b.buf)
}

// reset forgets everything written so far.
func (b *boundedBuffer) reset() {
	b.buf = b.buf[:0]
	b.dropped = 0
}
