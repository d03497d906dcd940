package dev.realtime.chat.loadtest.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.loadtest.stomp.StompFrame;
import dev.realtime.chat.loadtest.stomp.StompFrames;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.MessageAck;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory stand-in for the chat system (REST + STOMP over WebSocket on 127.0.0.1, random port) that
 * speaks enough of docs/protocol.md for the simulations: register, login, conversations, {@code afterSeq}
 * history, CONNECT with a bearer token, SUBSCRIBE to the user queues, {@code /app/chat.send} with acks, seqs and
 * idempotency, server heart-beats. {@code dropEvery(n)} silently drops every n-th delivery to a member other
 * than the sender, so that tests can prove the harness notices loss. Only for the harness's own tests.
 */
final class FakeChatServer implements AutoCloseable {

    private record Conversation(String id, String type, List<String> members, AtomicLong seq,
            List<ChatMessage> messages) {
    }

    private record Subscriber(Channel channel, String subscription) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;
    private final Map<String, String[]> usersByName = new ConcurrentHashMap<>(); // name -> {id, password}
    private final Map<String, String> userOfToken = new ConcurrentHashMap<>();
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, String> directByPair = new ConcurrentHashMap<>();
    private final Map<String, List<Subscriber>> messageSubscribers = new ConcurrentHashMap<>();
    private final Map<String, List<Subscriber>> ackSubscribers = new ConcurrentHashMap<>();
    private final Map<String, MessageAck> idempotency = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connectsByUser = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile int dropEvery;

    FakeChatServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new WebSocketServerProtocolHandler("/ws", "v12.stomp,v11.stomp,v10.stomp", true),
                                new Handler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** Runs the fake for {@code args[0]} seconds (default 300), e.g. to try a simulation by hand against it. */
    public static void main(String[] args) throws InterruptedException {
        try (FakeChatServer fake = new FakeChatServer()) {
            System.out.println(fake.baseUrl());
            Thread.sleep(1000L * (args.length > 0 ? Integer.parseInt(args[0]) : 300));
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Drop every n-th delivery to a member who is not the sender (0 = drop nothing). */
    void dropEvery(int n) {
        dropEvery = n;
    }

    long dropped() {
        return dropped.get();
    }

    /** Accounts registered so far. */
    int accounts() {
        return usersByName.size();
    }

    /** Conversations created so far. */
    int conversations() {
        return conversations.size();
    }

    /** Accepted STOMP CONNECTs per user id (one user may hold many sessions). */
    Map<String, Integer> connectsByUser() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        connectsByUser.forEach((user, count) -> out.put(user, count.get()));
        return out;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {

        private String user;
        private ScheduledFuture<?> heartbeats;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                rest(ctx, request);
            } else if (msg instanceof TextWebSocketFrame text) {
                for (StompFrame frame : StompFrames.parse(text.text()).frames()) {
                    stomp(ctx.channel(), frame);
                }
            } else if (msg instanceof WebSocketFrame) {
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            messageSubscribers.values().forEach(l -> l.removeIf(s -> s.channel() == ctx.channel()));
            ackSubscribers.values().forEach(l -> l.removeIf(s -> s.channel() == ctx.channel()));
        }

        private void stomp(Channel channel, StompFrame frame) {
            switch (frame.command()) {
                case "CONNECT", "STOMP" -> {
                    String auth = frame.header("Authorization");
                    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7)
                            : frame.header("passcode");
                    user = token == null ? null : userOfToken.get(token);
                    if (user == null) {
                        channel.writeAndFlush(new TextWebSocketFrame("ERROR\nmessage:unauthorized\n\n\0"));
                        channel.close();
                        return;
                    }
                    connectsByUser.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
                    String[] hb = String.valueOf(frame.header("heart-beat")).split(",");
                    long every = hb.length == 2 ? Long.parseLong(hb[1].trim()) : 0;
                    channel.writeAndFlush(new TextWebSocketFrame("CONNECTED\nversion:1.2\nheart-beat:" + every + ","
                            + every + "\nuser-name:" + user + "\n\n\0"));
                    if (every > 0) {
                        heartbeats = channel.eventLoop().scheduleAtFixedRate(
                                () -> channel.writeAndFlush(new TextWebSocketFrame("\n")), every, every,
                                TimeUnit.MILLISECONDS);
                    }
                }
                case "SUBSCRIBE" -> {
                    Subscriber subscriber = new Subscriber(channel, frame.header("id"));
                    switch (frame.destination()) {
                        case "/user/queue/messages" -> messageSubscribers
                                .computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(subscriber);
                        case "/user/queue/acks" -> ackSubscribers
                                .computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(subscriber);
                        default -> {
                            // errors, events: nothing to send in this fake
                        }
                    }
                }
                case "SEND" -> send(frame);
                case "DISCONNECT" -> channel.close();
                default -> {
                    // heart-beats are not frames; anything else is ignored
                }
            }
        }

        private void send(StompFrame frame) {
            JsonNode body = readTree(frame.body());
            Conversation conversation = conversations.get(body.path("conversationId").asText());
            if (conversation == null || !conversation.members().contains(user)) {
                return;
            }
            String clientMessageId = body.path("clientMessageId").asText();
            String idemKey = user + "/" + clientMessageId;
            MessageAck ack;
            ChatMessage message = null;
            synchronized (conversation) {
                ack = idempotency.get(idemKey);
                if (ack == null) {
                    long seq = conversation.seq().incrementAndGet();
                    message = new ChatMessage("m" + ids.incrementAndGet(), conversation.id(), seq, user,
                            body.path("content").asText(), Instant.now(), clientMessageId);
                    conversation.messages().add(message);
                    ack = MessageAck.of(message);
                    idempotency.put(idemKey, ack);
                }
            }
            for (Subscriber subscriber : ackSubscribers.getOrDefault(user, List.of())) {
                deliver(subscriber, "/user/queue/acks", JsonCodec.toJson(ack));
            }
            if (message == null) {
                return;
            }
            String json = JsonCodec.toJson(message);
            for (String member : conversation.members()) {
                for (Subscriber subscriber : messageSubscribers.getOrDefault(member, List.of())) {
                    int every = dropEvery;
                    if (!member.equals(user) && every > 0 && deliveries.incrementAndGet() % every == 0) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    deliver(subscriber, "/user/queue/messages", json);
                }
            }
        }

        private void deliver(Subscriber subscriber, String destination, String json) {
            subscriber.channel().writeAndFlush(new TextWebSocketFrame("MESSAGE\ndestination:" + destination
                    + "\nsubscription:" + subscriber.subscription() + "\nmessage-id:" + ids.incrementAndGet()
                    + "\ncontent-type:application/json\ncontent-length:"
                    + json.getBytes(StandardCharsets.UTF_8).length + "\n\n" + json + "\0"));
        }

        private void rest(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            JsonNode body = request.content().readableBytes() == 0 ? null
                    : readTree(request.content().toString(StandardCharsets.UTF_8));
            String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            String caller = auth != null && auth.startsWith("Bearer ") ? userOfToken.get(auth.substring(7)) : null;
            if (path.equals("/actuator/health")) {
                respond(ctx, request, HttpResponseStatus.OK, Map.of("status", "UP"));
            } else if (request.method() == HttpMethod.POST && path.equals("/api/auth/register")) {
                String name = body.path("username").asText();
                String id = "u" + ids.incrementAndGet();
                if (usersByName.putIfAbsent(name, new String[] {id, body.path("password").asText()}) != null) {
                    respond(ctx, request, HttpResponseStatus.CONFLICT, Map.of("error", "conflict", "message", "taken"));
                } else {
                    respond(ctx, request, HttpResponseStatus.CREATED, Map.of("userId", id, "username", name));
                }
            } else if (request.method() == HttpMethod.POST && path.equals("/api/auth/login")) {
                String[] account = usersByName.get(body.path("username").asText());
                if (account == null || !account[1].equals(body.path("password").asText())) {
                    respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, Map.of("error", "unauthorized",
                            "message", "bad credentials"));
                    return;
                }
                String token = "t" + ids.incrementAndGet() + "x" + account[0];
                userOfToken.put(token, account[0]);
                respond(ctx, request, HttpResponseStatus.OK, Map.of("token", token, "userId", account[0],
                        "expiresAt", Instant.now().plusSeconds(3600).toString()));
            } else if (caller == null) {
                respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, Map.of("error", "unauthorized",
                        "message", "token required"));
            } else if (request.method() == HttpMethod.POST && path.equals("/api/conversations")) {
                List<String> members = new ArrayList<>();
                members.add(caller);
                body.path("memberIds").forEach(m -> members.add(m.asText()));
                String type = body.path("type").asText();
                String pair = type.equals("direct") ? Set.copyOf(members).stream().sorted().toList().toString() : null;
                Conversation conversation = pair == null ? null : conversations.get(directByPair.getOrDefault(pair, ""));
                if (conversation == null) {
                    conversation = new Conversation("c" + ids.incrementAndGet(), type, List.copyOf(members),
                            new AtomicLong(), new CopyOnWriteArrayList<>());
                    conversations.put(conversation.id(), conversation);
                    if (pair != null) {
                        directByPair.put(pair, conversation.id());
                    }
                }
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("id", conversation.id());
                view.put("type", conversation.type());
                view.put("name", body.path("name").asText(null));
                view.put("memberIds", conversation.members());
                view.put("lastSeq", conversation.seq().get());
                view.put("lastMessage", null);
                view.put("unread", 0);
                respond(ctx, request, HttpResponseStatus.CREATED, view);
            } else if (request.method() == HttpMethod.GET && path.startsWith("/api/conversations/")
                    && path.endsWith("/messages")) {
                Conversation conversation = conversations.get(path.split("/")[3]);
                if (conversation == null || !conversation.members().contains(caller)) {
                    respond(ctx, request, HttpResponseStatus.FORBIDDEN, Map.of("error", "forbidden", "message", "no"));
                    return;
                }
                long after = Long.parseLong(uri.parameters().getOrDefault("afterSeq", List.of("0")).get(0));
                int limit = Integer.parseInt(uri.parameters().getOrDefault("limit", List.of("50")).get(0));
                List<ChatMessage> page = conversation.messages().stream().filter(m -> m.seq() > after)
                        .sorted((a, b) -> Long.compare(a.seq(), b.seq())).toList();
                boolean hasMore = page.size() > limit;
                respond(ctx, request, HttpResponseStatus.OK, Map.of("messages",
                        page.subList(0, Math.min(limit, page.size())), "hasMore", hasMore));
            } else {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, Map.of("error", "not_found", "message", path));
            }
        }

        private void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                Object body) {
            byte[] json = JsonCodec.toBytes(body);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(json));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            HttpUtil.setContentLength(response, json.length);
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            ctx.writeAndFlush(response);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad JSON", e);
        }
    }
}
