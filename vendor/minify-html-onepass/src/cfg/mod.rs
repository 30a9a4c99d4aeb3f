/// Configuration settings that can be adjusted and passed to a minification function to change the
/// minification approach.
#[derive(Default)]
pub struct Cfg {
  /// If enabled, JavaScript in `<script>` tags are minified using
  /// [minify-js](https://github.com/wilsonzlin/minify-js).
  ///
  /// Only `<script>` tags with a valid or no
  /// [MIME type](https://mimesniff.spec.whatwg.org/#javascript-mime-type) is considered to
  /// contain JavaScript, as per the specification.
  pub minify_js: bool,

  /// If enabled, CSS in `<style>` tags are minified.
  pub minify_css: bool,

  /// govsite: write a space between attributes even after a quoted value
  /// (`title="a" href=b`, not `title="a"href=b`, which the HTML standard forbids).
  pub keep_spaces_between_attributes: bool,

  /// govsite: leave a value quoted when it holds a character the HTML standard forbids in
  /// an unquoted value (`"`, `'`, `=`, `<`, `>`, `` ` ``), as in `href="/a?b=c"`.
  pub ensure_spec_compliant_unquoted_attribute_values: bool,

  /// govsite: write an empty value as `=""` (`alt=""`) rather than dropping it (`alt`).
  /// The two mean the same to a browser, but checkers such as html-proofer read a bare
  /// `alt` as a missing one.
  pub keep_empty_attribute_values: bool,
}

impl Cfg {
  pub fn new() -> Cfg {
    Cfg::default()
  }
}
