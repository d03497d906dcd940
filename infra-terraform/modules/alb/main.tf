locals {
  tags = merge(var.tags, { Module = "alb" })
}

resource "aws_lb" "this" {
  name               = var.name
  load_balancer_type = "application"
  internal           = false
  subnets            = var.subnet_ids
  security_groups    = var.security_group_ids

  # WebSockets (STOMP) stay open for hours; the heart-beats every 10 s must fit well inside this.
  idle_timeout               = var.idle_timeout
  drop_invalid_header_fields = true
  enable_http2               = true
  enable_deletion_protection = var.enable_deletion_protection

  tags = merge(local.tags, { Name = var.name })
}

resource "aws_lb_target_group" "gateways" {
  name                          = "${var.name}-gw"
  vpc_id                        = var.vpc_id
  target_type                   = "instance"
  protocol                      = "HTTP"
  port                          = var.target_port
  load_balancing_algorithm_type = "round_robin"

  # Short: the gateway itself drains (readiness DOWN, then graceful shutdown of its sessions).
  deregistration_delay = var.deregistration_delay

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = var.health_check_path
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  stickiness {
    type            = "lb_cookie"
    enabled         = var.stickiness_enabled
    cookie_duration = var.stickiness_duration
  }

  tags = merge(local.tags, { Name = "${var.name}-gw" })
}

resource "aws_lb_target_group_attachment" "gateways" {
  for_each = var.targets

  target_group_arn = aws_lb_target_group.gateways.arn
  target_id        = each.value
  port             = var.target_port
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  # Only the paths below reach the gateways; anything else (e.g. /actuator/env) ends here.
  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "application/json"
      message_body = "{\"error\":\"not_found\"}"
      status_code  = "404"
    }
  }

  tags = merge(local.tags, { Name = "${var.name}-https" })
}

resource "aws_lb_listener_rule" "chat" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.gateways.arn
  }

  condition {
    path_pattern {
      values = ["/ws", "/ws/*", "/api/*"]
    }
  }

  tags = merge(local.tags, { Name = "${var.name}-chat" })
}

resource "aws_lb_listener_rule" "health" {
  count = var.expose_health_probes ? 1 : 0

  listener_arn = aws_lb_listener.https.arn
  priority     = 20

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.gateways.arn
  }

  condition {
    path_pattern {
      values = ["/actuator/health/readiness", "/actuator/health/liveness"]
    }
  }

  tags = merge(local.tags, { Name = "${var.name}-health" })
}

resource "aws_lb_listener" "http_redirect" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }

  tags = merge(local.tags, { Name = "${var.name}-http-redirect" })
}

resource "aws_route53_record" "alias" {
  count = var.route53_zone_id != null && var.domain_name != null ? 1 : 0

  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}
