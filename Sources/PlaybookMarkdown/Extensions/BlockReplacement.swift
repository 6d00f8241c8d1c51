import CCmark

/// Hands fenced code blocks to the `replaceCodeBlock` hook (Playbook's generated blocks) and puts the
/// HTML it returns in their place. Frees the replaced nodes, so it runs after every extension that reads them.
struct BlockReplacement: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        guard let replace = context.hooks.replaceCodeBlock else { return }
        for node in document.nodes.codeBlocks {
            let info = document.string(cmark_node_get_fence_info(node))
            let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            var block = CodeBlock(
                language: language, info: info, literal: document.string(cmark_node_get_literal(node)), line: document.line(of: node))
            block.isInEmbed = document.isInEmbed(node)
            if let html = replace(block) {
                document.replace(node, withHTML: html)
            }
        }
    }
}
