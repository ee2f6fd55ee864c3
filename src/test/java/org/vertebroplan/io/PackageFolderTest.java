package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.mesh.Mesh;

/** Whole packages: written aside and moved in place, an old package replaced whole, other files never touched. */
class PackageFolderTest {

    @TempDir
    Path root;

    private static boolean isPackage(Path dir) {
        return Files.exists(dir.resolve("manifest.json"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOldPackageIsReplacedWholeAndNoStaleFileRemains() throws Exception {
        Path dir = root.resolve("pkg");
        PackageFolder.write(dir, PackageFolderTest::isPackage, d -> {
            Files.writeString(d.resolve("manifest.json"), "old");
            Files.writeString(d.resolve("sleeve-L1-left.stl"), "old sleeve");
            Files.writeString(d.resolve("base.stl"), "old base");
        });
        List<Path> files = PackageFolder.write(dir, PackageFolderTest::isPackage, d -> {
            Files.writeString(d.resolve("manifest.json"), "new");
            Files.writeString(d.resolve("base.stl"), "new base");
        });
        assertEquals(List.of("base.stl", "manifest.json"), names(dir));
        assertEquals(List.of(dir.resolve("base.stl").toAbsolutePath(), dir.resolve("manifest.json").toAbsolutePath()),
            files);
        assertEquals("new base", Files.readString(dir.resolve("base.stl")));
        assertEquals(List.of("pkg"), names(root), "no temporary folder is left beside it");
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldPackageAsItWas() throws Exception {
        Path dir = root.resolve("pkg");
        PackageFolder.write(dir, PackageFolderTest::isPackage, d -> {
            Files.writeString(d.resolve("manifest.json"), "old");
            Files.writeString(d.resolve("base.stl"), "old base");
        });
        assertThrows(IOException.class, () -> PackageFolder.write(dir, PackageFolderTest::isPackage, d -> {
            Files.writeString(d.resolve("base.stl"), "new base");
            throw new IOException("disk full"); // killed or failed before the manifest
        }));
        assertEquals(List.of("base.stl", "manifest.json"), names(dir));
        assertEquals("old base", Files.readString(dir.resolve("base.stl")));
        assertEquals(List.of("pkg"), names(root));
    }

    @Test
    void aFolderKilledMidWriteLeavesOnlyAHiddenFolderThatTheNextWriteRemoves() throws Exception {
        // what a kill -9 during the write leaves: the hidden temporary folder with half the files
        Path leftover = Files.createDirectories(root.resolve(".pkg.writing-123"));
        Files.writeString(leftover.resolve("base.stl"), "half");
        Path dir = root.resolve("pkg");
        assertTrue(Files.notExists(dir), "the target never holds a half package");
        PackageFolder.write(dir, PackageFolderTest::isPackage, d -> Files.writeString(d.resolve("manifest.json"), "m"));
        assertEquals(List.of("pkg"), names(root));
    }

    @Test
    void aFolderWithOtherFilesIsRefusedAndLeftAlone() throws Exception {
        Path dir = Files.createDirectories(root.resolve("documents"));
        Files.writeString(dir.resolve("letter.txt"), "keep me");
        BadInputException e = assertThrows(BadInputException.class, () -> PackageFolder.write(dir,
            PackageFolderTest::isPackage, d -> Files.writeString(d.resolve("manifest.json"), "m")));
        assertTrue(e.getMessage().contains("already holds other files"), e.getMessage());
        assertEquals(List.of("letter.txt"), names(dir));
        // an empty folder is fine
        Path empty = Files.createDirectories(root.resolve("empty"));
        PackageFolder.write(empty, PackageFolderTest::isPackage, d -> Files.writeString(d.resolve("manifest.json"), "m"));
        assertEquals(List.of("manifest.json"), names(empty));
    }

    @Test
    void aNulOrAControlCharacterInAPartNameStillMakesAWellFormed3mf() throws Exception {
        Mesh tet = new Mesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, new int[] {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3});
        Path f = root.resolve("x.3mf");
        ThreeMfWriter.write(Map.of("sleeve a\u0000b\u0007<&\"", tet), f, "case");
        try (var zip = new java.util.zip.ZipFile(f.toFile())) {
            byte[] model = zip.getInputStream(zip.getEntry("3D/3dmodel.model")).readAllBytes();
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(model));
            assertEquals("sleeve a_b_<&\"", ((org.w3c.dom.Element) doc.getElementsByTagName("object").item(0))
                .getAttribute("name"));
            assertTrue(new String(model, StandardCharsets.UTF_8).contains("unit=\"millimeter\""));
        }
    }
}
