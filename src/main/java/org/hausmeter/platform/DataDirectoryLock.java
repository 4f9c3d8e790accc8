package org.hausmeter.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive, process-wide lock on a Hausmeter data directory.
 * <p>
 * The embedded PostgreSQL and Redis keep their files under the data directory; two servers on the
 * same files would corrupt them. The lock is an OS file lock ({@code fcntl}), so it is released by
 * the kernel when the process dies, even on {@code kill -9}: a stale lock file never blocks a start.
 */
public final class DataDirectoryLock implements AutoCloseable {

    static final String LOCK_FILE = "hausmeter.lock";
    /**
     * Data directories locked by this JVM. An OS lock is per process, and closing any channel of
     * the file would release it: a second attempt from this JVM must not even open the file.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path key;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path key, Path lockFile, FileChannel channel, FileLock lock) {
        this.key = key;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code dataDir}, creating the directory if needed.
     *
     * @throws DataDirectoryInUseException if another process (or this one) holds it
     */
    public static DataDirectoryLock acquire(Path dataDir) throws IOException {
        LocalFiles.createPrivateDirectories(dataDir);
        Path key = dataDir.toRealPath();
        if (!HELD.add(key)) {
            throw new DataDirectoryInUseException(
                    dataDir, "pid " + ProcessHandle.current().pid());
        }
        try {
            return acquireOsLock(dataDir, key);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static DataDirectoryLock acquireOsLock(Path dataDir, Path key) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        FileChannel channel = FileChannel.open(
                lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new DataDirectoryInUseException(dataDir, holder);
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(
                ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
        return new DataDirectoryLock(key, lockFile, channel, lock);
    }

    private static String readHolder(FileChannel channel) {
        try {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64);
            channel.read(buf, 0);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "unknown process";
        }
    }

    public Path lockFile() {
        return lockFile;
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } finally {
            HELD.remove(key);
        }
    }

    /** Thrown when a second server is started on a data directory that is in use. */
    public static final class DataDirectoryInUseException extends IllegalStateException {
        public DataDirectoryInUseException(Path dataDir, String holder) {
            super("Data directory [" + dataDir.toAbsolutePath() + "] is in use by another Hausmeter server ("
                    + (holder.isEmpty() ? "unknown process" : holder) + "). Stop that server first, or start this one"
                    + " with another data directory (HAUSMETER_DATA_DIR).");
        }
    }
}
