/**
 * The rules for student code (ArchUnit), applied by a test in every lab.
 *
 * <pre>{@code
 * @Test void followsTheRules() { StudentCodeRules.check("raft"); }
 * }</pre>
 */
package labs.rules;
