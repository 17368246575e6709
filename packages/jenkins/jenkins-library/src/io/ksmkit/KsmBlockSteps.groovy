// The delegate of a withKsm body: its `sh` steps run inside the open block; every other step goes to the pipeline.
package io.ksmkit

class KsmBlockSteps implements Serializable {
    private static final long serialVersionUID = 1L
    private final Object script
    private final String ksmStep
    private final String session
    private int count = 0

    KsmBlockSteps(Object script, String ksmStep, String session) {
        this.script = script
        this.ksmStep = ksmStep
        this.session = session
    }

    /** `sh 'script'` or `sh(script: …, returnStdout: …)` inside the block. */
    def sh(Object arg) {
        count += 1
        return script.ksmSh(ksmStep, session, arg, count)
    }
}
