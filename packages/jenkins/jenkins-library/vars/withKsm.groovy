// withKsm(application: [...]) { … }: Keeper Secrets Manager secrets for one block, implemented on ksm-step.
// No secret value ever passes through Groovy: the spec (notations only) goes to ksm-step in a file, ksm-step
// resolves and injects the values, and every `sh` of the body runs inside the block with its output masked.
import groovy.json.JsonOutput

def call(Map args = [:], Closure body) {
    if (!(args.application instanceof List) || args.application.isEmpty()) {
        error("Keeper Secrets Manager: withKsm needs application: [[credentialsId: '…', secrets: [[destination: 'env', envVar: 'NAME', filePath: '', notation: '…']]]]")
    }
    String ksmStep = env.KSM_STEP ?: 'ksm-step'
    String id = "${System.currentTimeMillis()}-${Math.abs(new Random().nextInt())}"
    String session = ".ksm-step/${id}"
    String specFile = ".ksm-step/${id}.spec.json"
    writeFile(file: specFile, text: JsonOutput.toJson([application: args.application]))
    boolean opened = false
    try {
        sh("${q(ksmStep)} open --spec ${q(specFile)} --session ${q(session)}")
        opened = true
        int count = 0
        def block = new Expando()
        block.sh = { Object arg -> ksmSh(ksmStep, session, arg, ++count) }
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.delegate = block
        return body()
    } finally {
        String close = opened ? "${q(ksmStep)} close --session ${q(session)}; " : ''
        sh("${close}rm -f ${q(specFile)}; rmdir .ksm-step 2>/dev/null || true")
    }
}

/** One `sh` of the body: the script goes to a file and runs under `ksm-step exec` (env injected, output masked). */
def ksmSh(String ksmStep, String session, Object arg, int n) {
    Map options = arg instanceof Map ? new LinkedHashMap(arg) : [script: arg.toString()]
    String scriptFile = "${session}-sh-${n}.sh"
    writeFile(file: scriptFile, text: options.script.toString())
    options.script = "set +x\ntrap 'rm -f ${q(scriptFile)}' EXIT\n${q(ksmStep)} exec --session ${q(session)} -- sh -xe ${q(scriptFile)}"
    return sh(options)
}

/** Single-quotes a word for sh. */
String q(String text) {
    return "'" + text.replace("'", "'\\''") + "'"
}
