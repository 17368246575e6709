// withKsm(application: [...]) { … }: Keeper Secrets Manager secrets for one block, implemented on ksm-step.
// No secret value ever passes through Groovy: the spec (notations only) goes to ksm-step on stdin, ksm-step
// resolves and injects the values, and every `sh` of the body runs inside the block with its output masked.
import groovy.json.JsonOutput
import io.ksmkit.KsmBlockSteps

def call(Map args = [:], Closure body) {
    if (!(args.application instanceof List) || args.application.isEmpty()) {
        error("Keeper Secrets Manager: withKsm needs application: [[credentialsId: '…', secrets: [[destination: 'env', envVar: 'NAME', filePath: '', notation: '…']]]]")
    }
    String ksmStep = env.KSM_STEP ?: 'ksm-step'
    String id = "${System.currentTimeMillis()}-${Math.abs(new Random().nextInt())}"
    // The block's state lives in Jenkins' per-workspace temp dir, never in the workspace (no archiving it by accident).
    String tmp = env.WORKSPACE_TMP ?: "${pwd()}@tmp"
    String session = "${tmp}/ksm-step-${id}"
    String delimiter = "KSM_STEP_SPEC_${id.replace('-', '_')}"
    String spec = JsonOutput.toJson([application: args.application])
    boolean opened = false
    try {
        sh("mkdir -p ${q(tmp)}\n${q(ksmStep)} open --spec - --session ${q(session)} <<'${delimiter}'\n${spec}\n${delimiter}")
        opened = true
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.delegate = new KsmBlockSteps(this, ksmStep, session)
        return body()
    } finally {
        if (opened) {
            sh("${q(ksmStep)} close --session ${q(session)}")
        }
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
