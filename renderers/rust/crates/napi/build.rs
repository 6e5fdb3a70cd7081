//! napi-rs's link setup for a Node addon (on macOS, undefined N-API symbols resolve when Node loads it).

fn main() {
    napi_build::setup();
}
