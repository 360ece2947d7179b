/**
 * The cluster harness the testers of Labs 2–4 share: server groups on one simulated network, with
 * persisters, crashes, restarts and partitions; clients with ends of their own; concurrent tester
 * tasks; operation histories for the linearizability checker, checked within a step budget with
 * the run's faults drawn in the viewer; clerk calls recorded, bounded and checked ({@link
 * labs.cluster.RecordedClerk}); and a background partitioner. A lab's tester keeps only what is its
 * own (Raft's appliers and checks, its clerk's answers and messages, a shard controller).
 *
 * <pre>{@code
 * try (Cluster cluster = new Cluster(NetworkConfig.DEFAULT.withReliable(false))) {
 *   ServerGroup<KvServer> group = cluster.startGroup("server", 5, ctx -> KvServer.start(ctx));
 *   HistoryRecorder<Input, Output> history = new HistoryRecorder<>();
 *   AtomicBoolean done = new AtomicBoolean();
 *   List<Async<Void>> clients = new ArrayList<>();
 *   for (int c = 0; c < 3; c++) {
 *     Client client = cluster.newClient();
 *     Clerk clerk = new Clerk(client.ends(group));
 *     clients.add(Async.run(client.name(), () -> {
 *       while (!done.get()) {
 *         history.record(client.id(), new Put("k", "v"), () -> clerk.put("k", "v"));
 *       }
 *     }));
 *   }
 *   Partitioner partitioner = Partitioner.start(group);
 *   Env.sleep(5_000);
 *   done.set(true);
 *   partitioner.stop();
 *   clients.forEach(Async::join);
 *   group.connectAll();
 *   group.crashAll();
 *   group.startAll();
 *   group.connectAll();
 *   Linearizability.assertLinearizable(KvModel.INSTANCE, history.operations(),
 *       cluster.faults().bands(), "partitions and crashes");
 * }
 * }</pre>
 *
 * <p>Everything here is called from tester threads (the test's own, or an {@link
 * labs.cluster.Async}'s); no server thread ever takes a lock of the harness. Every random choice
 * comes from the run's seed.
 */
package labs.cluster;
