package io.guidelinekb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;

/** Which rules reach only their own case's facts, so that many cases may share a session. */
class EpisodeJoinsTest {

    private static Optional<String> untied(String when) throws Exception {
        PackageDescr parsed = new DrlParser().parse(false, "package p;\nimport io.guidelinekb.model.*;\nrule \"r\"\nwhen\n"
                + when + "\nthen\nend\n");
        return EpisodeJoins.untied(parsed.getRules().get(0));
    }

    @Test
    void patternsTiedByIdToWhatIsReachedAreTied() throws Exception {
        assertEquals(Optional.empty(), untied("Episode( finding(\"X\") == true )"));
        assertEquals(Optional.empty(), untied("$e : Episode( $p : patientId )\nPatient( id == $p, ageYearsAtMost < 16 )"));
        assertEquals(Optional.empty(), untied("Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )"));
        assertEquals(Optional.empty(), untied("$e : Episode( $id : id )\nnot ScopeFinding( episodeId == $id )\n"
                + "$l : java.util.List( size > 0 ) from collect( ScopeFinding( $id == episodeId, exclusion ) )"));
        assertEquals(Optional.empty(), untied("$a : Alert( $id : episodeId )\n$e : Episode( id == $id )"));
        assertEquals(Optional.empty(), untied("$e : Episode()\n$flag : String() from $e.redFlags()"));
    }

    @Test
    void aPatternThatCouldMatchAnotherCasesFactIsNamed() throws Exception {
        assertEquals(Optional.of("pattern Alert( … ) at line 6 is not tied to its episode or patient by id"),
                untied("Alert()\nAlert()"));
        assertEquals(Optional.of("pattern Alert( … ) at line 6 is not tied to its episode or patient by id"),
                untied("$e : Episode()\njava.util.List( size < 400 ) from collect( Alert() )"));
        assertEquals(Optional.of("pattern Alert( … ) at line 5 is not tied to its episode or patient by id"),
                untied("not Alert()\n$e : Episode()"), "a first pattern under not asks about every case");
        assertEquals(Optional.of("pattern Patient( … ) at line 6 is not tied to its episode or patient by id"),
                untied("$e : Episode( $p : patientId )\nPatient( id == $p || true )"));
        assertEquals(Optional.of("pattern ScopeFinding( … ) at line 7 is not tied to its episode or patient by id"),
                untied("$e : Episode()\n$flag : String() from $e.redFlags()\nScopeFinding( episodeId == $flag )"),
                "a value derived from a fact is not its identity");
    }
}
