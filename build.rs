fn main() {
    // The shipped FAQ is built into the binary (include_dir); rebuild when it changes.
    println!("cargo:rerun-if-changed=faq");
}
