package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.mapping.MappingSchema.Problem;
import org.junit.jupiter.api.Test;

/** The loader's one-line message, as the workbench and a reload give it back: a problem per key. */
class MappingCandidatesTest {

    @Test
    void eachOfTheLoadersProblemsKeepsItsKeyAndReason() {
        String message = "sdbz.mapping.yaml (with vendors/yxlearning.vendor.yaml): request.paging (PAGE_NUMBER): pageParam, "
                + "sizeParam and a positive size are required; fields.subject.codes: '1' maps to 'PUBLICK', which is not "
                + "one of [PUBLIC, PROFESSIONAL]";

        assertThat(MappingCandidates.problems(message, "sdbz.mapping.yaml")).containsExactly(
                new Problem("request.paging", "pageParam, sizeParam and a positive size are required"),
                new Problem("fields.subject.codes", "'1' maps to 'PUBLICK', which is not one of [PUBLIC, PROFESSIONAL]"));
    }

    @Test
    void aProblemWithoutAKeyIsTheFilesAsAWhole() {
        assertThat(MappingCandidates.problems("xyz.mapping.yaml: vendor: 'nope' has no vendors/nope.vendor.yaml",
                "xyz.mapping.yaml")).containsExactly(new Problem("vendor", "'nope' has no vendors/nope.vendor.yaml"));
        assertThat(MappingCandidates.problems("xyz.mapping.yaml: cannot be read: gone", "xyz.mapping.yaml"))
                .containsExactly(new Problem("", "cannot be read: gone"));
    }
}
