/// The Python program `HighlightWorker` runs: one process for a whole build. It reads one JSON request
/// a line (`{"lang": …, "code": …}`) and answers one JSON line: the tokens as `[class, text]` pairs with
/// Pygments' short CSS class names (the names Chroma and Hugo use too), adjacent tokens of one class
/// merged, or `null` for a language Pygments does not know. Its first line is the Pygments version and
/// the interpreter's own path (`sys.executable`), or an error when Pygments cannot be imported.
enum PygmentsScript {
    static let source = """
        import json, sys
        try:
            import pygments
            from pygments.lexers import get_lexer_by_name
            from pygments.token import STANDARD_TYPES
            from pygments.util import ClassNotFound
        except Exception as error:
            print(json.dumps({"error": "%s: %s" % (type(error).__name__, error)}), flush=True)
            sys.exit(0)
        print(json.dumps({"version": pygments.__version__, "executable": sys.executable or ""}), flush=True)
        lexers = {}
        def css(kind):
            while kind not in STANDARD_TYPES:
                kind = kind.parent
            return STANDARD_TYPES[kind]
        for line in sys.stdin:
            request = json.loads(line)
            name = request["lang"]
            tokens = None
            try:
                lexer = lexers.get(name) or get_lexer_by_name(name, stripnl=False)
                lexers[name] = lexer
            except ClassNotFound:
                lexer = None
            if lexer is not None:
                tokens = []
                for kind, text in lexer.get_tokens(request["code"]):
                    name_css = css(kind)
                    if tokens and tokens[-1][0] == name_css:
                        tokens[-1][1] += text
                    else:
                        tokens.append([name_css, text])
            print(json.dumps({"tokens": tokens}), flush=True)
        """
}
